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

    public NodeConnections(IGrainFactory grains, NodeObserver observer, ChitLaq.Grains.ChitLaqMetrics metrics, ILogger<NodeConnections> logger)
    {
        this.grains = grains;
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
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
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
