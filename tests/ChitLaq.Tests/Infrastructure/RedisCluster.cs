using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// N ChitLaq node processes clustered through the real Redis of the test run, on one fresh
/// database, plus an Orleans client of that cluster for looking at membership and activations.
/// Each instance has its own cluster id, so clusters of different tests never meet.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private IHost? _clientHost;

    private RedisCluster(TestDatabase database, string clusterId, IReadOnlyList<SiloProcess> nodes)
    {
        Database = database;
        ClusterId = clusterId;
        Nodes = nodes;
    }

    public TestDatabase Database { get; }
    public string ClusterId { get; }
    public IReadOnlyList<SiloProcess> Nodes { get; }
    public IClusterClient Client => _clientHost!.Services.GetRequiredService<IClusterClient>();

    /// <param name="settings">Extra environment variables (<c>Section__Key</c>) for every node.</param>
    public static async Task<RedisCluster> StartAsync(int nodeCount, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync();
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..12];
        var nodes = new List<SiloProcess>();
        // One at a time: the first applies the migrations, the rest find them done.
        for (var i = 0; i < nodeCount; i++)
        {
            var node = SiloProcess.Start(database.ConnectionString, TestEnvironment.RedisConnectionString, clusterId, settings);
            nodes.Add(node);
            await node.WaitUntilReadyAsync();
        }

        var cluster = new RedisCluster(database, clusterId, nodes);
        cluster._clientHost = new HostBuilder()
            .UseOrleansClient(client => client
                .UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(TestEnvironment.RedisConnectionString))
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = clusterId;
                }))
            .Build();
        await cluster._clientHost.StartAsync();
        return cluster;
    }

    public async Task<int> ActiveSiloCountAsync() =>
        (await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    public async ValueTask DisposeAsync()
    {
        if (_clientHost is not null)
        {
            await _clientHost.StopAsync();
            _clientHost.Dispose();
        }
        foreach (var node in Nodes) await node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
