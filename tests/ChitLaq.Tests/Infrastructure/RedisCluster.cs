namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// N ChitLaq node processes clustered through the real Redis of the test run, on one fresh
/// database, plus an Orleans client of that cluster for looking at membership and activations.
/// Each instance has its own cluster id, so clusters of different tests never meet.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private ClusterObserver? _observer;

    private RedisCluster(TestDatabase database, string clusterId, IReadOnlyList<SiloProcess> nodes)
    {
        Database = database;
        ClusterId = clusterId;
        Nodes = nodes;
    }

    public TestDatabase Database { get; }
    public string ClusterId { get; }
    public IReadOnlyList<SiloProcess> Nodes { get; }
    public IClusterClient Client => _observer!.Client;

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
        cluster._observer = await ClusterObserver.StartAsync(TestEnvironment.RedisConnectionString, clusterId);
        return cluster;
    }

    public Task<int> ActiveSiloCountAsync() => _observer!.ActiveSiloCountAsync();

    public async ValueTask DisposeAsync()
    {
        if (_observer is not null) await _observer.DisposeAsync();
        foreach (var node in Nodes) await node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
