using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Cluster;

/// <summary>
/// A user's budgets hold across the cluster: requests and messages that alternate between two
/// node processes (on real PostgreSQL and Redis) draw from one budget. Slow: starts processes.
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class ClusterRateLimitTests : IAsyncLifetime
{
    private const int RequestLimit = 12;
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync(nodeCount: 2, new Dictionary<string, string>
    {
        ["RateLimits__User__PermitLimit"] = RequestLimit.ToString(),
        ["RateLimits__User__WindowSeconds"] = "300",
        ["RateLimits__Messages__Burst"] = "3",
        ["RateLimits__Messages__PerSecond"] = "1",
    });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AUserAlternatingBetweenNodesHasOneRequestBudget()
    {
        var student = await _cluster.Nodes[0].RegisterVerifiedAsync();
        var clients = _cluster.Nodes.Select(node => node.ClientFor(student.AccessToken)).ToArray();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RequestLimit + 2; i++)
            statuses.Add((await clients[i % 2].GetAsync("/api/v1/auth/me")).StatusCode);

        Assert.All(statuses.Take(RequestLimit), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(statuses.Skip(RequestLimit), status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        var refused = await clients[0].GetAsync("/api/v1/auth/me");
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 300);

        // Someone else on the same nodes is not affected.
        var other = await _cluster.Nodes[1].RegisterVerifiedAsync();
        Assert.Equal(HttpStatusCode.OK, (await _cluster.Nodes[0].ClientFor(other.AccessToken).GetAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task AUserSendingThroughBothNodesHasOneMessageBudget()
    {
        var ada = await _cluster.Nodes[0].RegisterVerifiedAsync();
        var bo = await _cluster.Nodes[1].RegisterVerifiedAsync();
        var clients = _cluster.Nodes.Select(node => node.ClientFor(ada.AccessToken)).ToArray();
        var created = await clients[0].PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle } });
        var conversation = (await created.Content.ReadFromJsonAsync<ConversationDto>())!;

        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            statuses.Add((await clients[i % 2].PostAsJsonAsync($"/api/v1/conversations/{conversation.Id}/messages",
                new { text = $"hello {i}", clientMessageId = Guid.NewGuid().ToString() })).StatusCode);
        var elapsedSeconds = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        // A burst of 3 plus at most one refill per second elapsed, wherever the sends landed.
        var sent = statuses.Count(status => status == HttpStatusCode.Created);
        Assert.InRange(sent, 3, 3 + elapsedSeconds);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
    }
}
