using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Posts;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Cluster;

/// <summary>An image uploaded through one node is served by, and attachable through, another. Slow: node processes.</summary>
[Trait("Category", "Slow")]
public sealed class MediaAcrossNodesTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync(nodeCount: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnImageUploadedThroughOneNodeIsServedAndAttachedThroughTheOther()
    {
        var ada = await _cluster.Nodes[0].RegisterVerifiedAsync();
        using var viaFirst = _cluster.Nodes[0].ClientFor(ada.AccessToken);
        using var viaSecond = _cluster.Nodes[1].ClientFor(ada.AccessToken);
        var bytes = TestImages.Jpeg(640, 480);
        var media = await viaFirst.UploadOkAsync(bytes);

        var served = await _cluster.Nodes[1].Http.GetAsync(media.Url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(media.Bytes, (await served.Content.ReadAsByteArrayAsync()).Length);

        var post = await viaSecond.PostAsJsonAsync("/api/v1/posts", new { text = "from the other node", mediaIds = new[] { media.Id } });
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(media.Url, (await post.Content.ReadFromJsonAsync<PostDto>())!.Media.Single().Url);
    }
}
