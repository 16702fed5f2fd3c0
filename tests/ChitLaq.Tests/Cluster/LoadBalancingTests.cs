using System.Collections.Concurrent;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Cluster;

/// <summary>
/// The shipped nginx config in front of two nodes, with every client on one address, as a campus
/// behind its NAT is: sessions spread over both nodes (nginx hashes the access token, not the
/// address), and each chat connection's negotiate and WebSocket still meet on one node.
/// Slow: node processes, Redis and nginx.
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class LoadBalancingTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;
    private LocalNginx _nginx = null!;

    public async Task InitializeAsync()
    {
        _cluster = await RedisCluster.StartAsync(nodeCount: 2);
        _nginx = await LocalNginx.StartAsync(_cluster.Nodes[0].HttpPort, _cluster.Nodes[1].HttpPort);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ACampusBehindOneAddressIsSpreadOverEveryNodeAndEachChatConnectionMeetsItsNegotiation()
    {
        var students = new ConcurrentBag<ChitLaq.Api.Auth.AuthResponse>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 24), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (_, _) => students.Add(await _cluster.Nodes[0].RegisterVerifiedAsync()));

        // Negotiate (a POST) and the WebSocket are two requests: both must reach the same node, or the connection fails.
        var phones = new List<Device>();
        try
        {
            foreach (var student in students)
                phones.Add(await Device.ConnectThroughTlsAsync(_nginx.Address, student.AccessToken, _nginx.Certificate));

            var online = await Task.WhenAll(_cluster.Nodes.Select(async node => MetricsText.Value(await node.Http.GetStringAsync("/metrics"), "chitlaq_users_online")));
            Assert.Equal(students.Count, online.Sum());
            Assert.All(online, count => Assert.True(count > 0, $"every node holds some of the campus's connections: {string.Join(" / ", online)}"));
        }
        finally
        {
            foreach (var phone in phones) await phone.DisposeAsync();
        }
    }
}
