using System.Collections.Concurrent;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

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
        // SignalR's default transport negotiation is used, as browsers do.
        var phones = new List<HubConnection>();
        try
        {
            foreach (var student in students)
            {
                var phone = new HubConnectionBuilder().WithUrl(new Uri(_nginx.Address, "/hubs/chat"), options =>
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(student.AccessToken);
                    options.HttpMessageHandlerFactory = handler =>
                    {
                        if (handler is HttpClientHandler http) http.ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.GetCertHashString() == _nginx.Certificate.GetCertHashString();
                        return handler;
                    };
                    options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == _nginx.Certificate.GetCertHashString();
                }).Build();
                phones.Add(phone);
                await phone.StartAsync();
            }

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
