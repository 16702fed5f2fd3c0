using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Chat;
using Orleans.Runtime;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// This node's part in realtime: it registers its observer with the node directory (before the
/// node accepts connections, and again every <see cref="RegisterEvery"/>), and tells each
/// connected user's presence grain how many connections it holds — at once on every change, after
/// every cluster membership change (a presence grain that lived on a lost node comes back empty),
/// and every <see cref="RenewEvery"/> (the lease lets a crashed node's entries expire).
/// </summary>
public sealed class NodeConnections : BackgroundService, ChitLaq.Api.Realtime.IConnectionTracker
{
    private static readonly TimeSpan RegisterEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private readonly IGrainFactory _grains;
    private readonly NodeObserver _observer;
    private readonly LocalConnections _connections;
    private readonly RealtimeFanout _fanout;
    private readonly IClusterMembershipService _membership;
    private readonly ILocalSiloDetails _silo;
    private readonly ILogger<NodeConnections> _logger;
    private NodeRegistration? _registration;

    public NodeConnections(IGrainFactory grains, NodeObserver observer, LocalConnections connections, RealtimeFanout fanout,
        IClusterMembershipService membership, ILocalSiloDetails silo, ChitLaq.Grains.ChitLaqMetrics metrics, ILogger<NodeConnections> logger)
    {
        (_grains, _observer, _connections, _fanout, _membership, _silo, _logger) = (grains, observer, connections, fanout, membership, silo, logger);
        metrics.Meter.CreateObservableGauge("chitlaq.users.online", () => _connections.Users, "{user}",
            "Users with at least one realtime connection to this node.");
    }

    /// <summary>Identifies this process among the cluster's nodes.</summary>
    public string NodeId { get; } = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    private INodeDirectoryGrain Directory => _grains.GetGrain<INodeDirectoryGrain>(0);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Hosted services start before Kestrel listens: the cluster can reach this node before its first connection.
        _registration = new NodeRegistration(NodeId, _silo.SiloAddress, _grains.CreateObjectReference<INodeObserver>(_observer));
        _fanout.Learn([_registration]);
        await RegisterAsync();
        await base.StartAsync(cancellationToken);
    }

    public Task ConnectedAsync(string userId) =>
        _grains.GetGrain<IUserPresenceGrain>(userId).Attach(NodeId, _connections.Add(userId));

    public Task DisconnectedAsync(string userId) => _connections.Remove(userId) is var left && left == 0
        ? _grains.GetGrain<IUserPresenceGrain>(userId).Detach(NodeId)
        : _grains.GetGrain<IUserPresenceGrain>(userId).Attach(NodeId, left);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var membershipChanges = ReassertOnMembershipChangeAsync(stoppingToken);
        var lastRenewal = DateTime.UtcNow;
        using var timer = new PeriodicTimer(RegisterEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RegisterAsync();
            if (DateTime.UtcNow - lastRenewal < RenewEvery) continue;
            lastRenewal = DateTime.UtcNow;
            await ReassertAsync(stoppingToken);
        }
        await membershipChanges;
    }

    private async Task ReassertOnMembershipChangeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in _membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                await RegisterAsync();
                await ReassertAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task RegisterAsync()
    {
        try { await Directory.Register(_registration!); }
        catch (Exception ex) { _logger.LogWarning(ex, "Registering this node with the node directory failed; retrying soon"); }
    }

    /// <summary>Tells every connected user's presence grain what this node holds (a few at a time).</summary>
    private async Task ReassertAsync(CancellationToken stoppingToken)
    {
        await Parallel.ForEachAsync(_connections.All.ToList(), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stoppingToken },
            async (entry, _) =>
            {
                try { await _grains.GetGrain<IUserPresenceGrain>(entry.Key).Attach(NodeId, entry.Value); }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogDebug(ex, "Renewing a user's node registration failed; retrying next round");
                }
            });
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leaving cleanly: tell the directory and the presence grains at once instead of waiting for leases to end.
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        try { await Directory.Unregister(NodeId); }
        catch (Exception ex) { _logger.LogDebug(ex, "Unregister on shutdown failed"); }
        foreach (var (userId, _) in _connections.All.ToList())
        {
            try { await _grains.GetGrain<IUserPresenceGrain>(userId).Detach(NodeId); }
            catch (Exception ex) { _logger.LogDebug(ex, "Detach on shutdown failed"); }
        }
        await base.StopAsync(cancellationToken);
        _logger.LogInformation("Left the node directory and detached this node's users in {ElapsedMs} ms", stopping.ElapsedMilliseconds);
    }
}
