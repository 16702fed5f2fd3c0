using System.Collections.Concurrent;
using ChitLaq.Grains.Abstractions.Chat;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// This node's SignalR connections per user, and its observer registered with each connected
/// user's presence grain. Renewed periodically (the lease lets a crashed node's entries expire).
/// </summary>
public sealed class NodeConnections : BackgroundService, ChitLaq.Api.Realtime.IConnectionTracker
{
    private readonly IGrainFactory grains;
    private readonly NodeObserver observer;
    private readonly ILogger<NodeConnections> logger;

    private readonly IClusterMembershipService membership;

    private readonly ILocalSiloDetails localSilo;

    public NodeConnections(IGrainFactory grains, NodeObserver observer, IClusterMembershipService membership, ILocalSiloDetails localSilo,
        ChitLaq.Grains.ChitLaqMetrics metrics, ILogger<NodeConnections> logger)
    {
        this.grains = grains;
        this.membership = membership;
        this.localSilo = localSilo;
        this.observer = observer;
        this.logger = logger;
        metrics.Meter.CreateObservableGauge("chitlaq.users.online", () => _connections.Count, "{user}",
            "Users with at least one realtime connection to this node.");
    }

    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private INodeObserver? _reference;

    /// <summary>Identifies this process among the cluster's nodes.</summary>
    public string NodeId { get; } = Environment.MachineName + ":" + Environment.ProcessId + ":" + Guid.NewGuid().ToString("N")[..8];

    private INodeObserver Reference => _reference ??= grains.CreateObjectReference<INodeObserver>(observer);

    public async Task ConnectedAsync(string userId)
    {
        var count = _connections.AddOrUpdate(userId, 1, (_, n) => n + 1);
        await grains.GetGrain<IUserPresenceGrain>(userId).Attach(NodeId, Reference, count);
    }

    public async Task DisconnectedAsync(string userId)
    {
        var count = _connections.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
        if (count == 0)
        {
            _connections.TryRemove(new KeyValuePair<string, int>(userId, 0));
            await grains.GetGrain<IUserPresenceGrain>(userId).Detach(NodeId);
        }
        else
        {
            await grains.GetGrain<IUserPresenceGrain>(userId).Attach(NodeId, Reference, count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(RenewPeriodicallyAsync(stoppingToken), RenewWhenASiloLeavesAsync(stoppingToken));
    }

    private async Task RenewPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await RenewAllAsync(stoppingToken);
    }

    /// <summary>
    /// Presence grains keep their routes in memory. When a silo leaves (rolling restart, crash),
    /// the ones it hosted come back empty elsewhere; registering again at once, rather than at the
    /// next minute's renewal, restores them — and through them the routes conversations deliver by.
    /// </summary>
    private async Task RenewWhenASiloLeavesAsync(CancellationToken stoppingToken)
    {
        var gone = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var leaving = snapshot.Members.Values
                    .Where(m => m.Status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead)
                    .Where(m => !m.SiloAddress.Equals(localSilo.SiloAddress) && gone.Add(m.SiloAddress))
                    .ToList();
                if (leaving.Count == 0 || _connections.IsEmpty) continue;
                // Give the cluster a moment to move the leaving silo's grain directory entries.
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                await RenewAllAsync(stoppingToken);
                // Once more after it has certainly gone: activations it held until the end are now elsewhere.
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                await RenewAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private async Task RenewAllAsync(CancellationToken stoppingToken)
    {
        foreach (var (userId, count) in _connections)
        {
            try
            {
                await grains.GetGrain<IUserPresenceGrain>(userId).Attach(NodeId, Reference, count);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Renewing a user's node registration failed; retrying next round");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leaving cleanly: tell the presence grains at once instead of waiting for leases to end.
        foreach (var userId in _connections.Keys)
        {
            try { await grains.GetGrain<IUserPresenceGrain>(userId).Detach(NodeId); }
            catch (Exception ex) { logger.LogDebug(ex, "Detach on shutdown failed"); }
        }
        await base.StopAsync(cancellationToken);
    }
}
