using System.Net.Http.Json;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Cluster;

/// <summary>Every node keeps its own index; a post made through one node is found through another. Slow.</summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class SearchAcrossNodesTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync(nodeCount: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task APostMadeThroughOneNodeIsFoundThroughTheOtherWithinTwoSeconds()
    {
        var node = _cluster.Nodes[0];
        var ada = await node.RegisterVerifiedAsync();

        using var viaFirst = new HttpClient { BaseAddress = node.Http.BaseAddress };
        viaFirst.DefaultRequestHeaders.Authorization = new("Bearer", ada.AccessToken);
        using var viaSecond = new HttpClient { BaseAddress = _cluster.Nodes[1].Http.BaseAddress };
        viaSecond.DefaultRequestHeaders.Authorization = new("Bearer", ada.AccessToken);

        var word = "w" + Guid.NewGuid().ToString("N")[..10];
        var post = (await (await viaFirst.PostAsJsonAsync("/api/v1/posts", new { text = $"hello from node one {word}" })).Content.ReadFromJsonAsync<PostDto>())!;
        await viaSecond.PostIdsBecome(word, post.Id);
        await viaFirst.PostIdsBecome(word, post.Id);
    }
}
