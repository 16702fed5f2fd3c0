using System.Collections.Immutable;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// Delivers realtime events by sending each one to every node, which keeps what is for its own
/// connections (what SignalR's backplanes do). Where a user is connected is then known only where
/// it is true — the node holding the connection — and no grain keeps a copy that can go stale when
/// a node dies, drains or joins: an event costs one one-way call per node, whatever the audience.
/// This node's view of the others comes from the cluster membership (which nodes are alive; every
/// node is told of every change within a second or two) and the node directory (how to reach
/// them), refreshed on every membership change, when the directory announces a new node, and
/// every <see cref="RefreshEvery"/>.
/// </summary>
public sealed class RealtimeFanout(IGrainFactory grains, IClusterMembershipService membership, ILogger<RealtimeFanout> logger)
    : BackgroundService
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(10);
    private ImmutableDictionary<string, NodeRegistration> _nodes = ImmutableDictionary.Create<string, NodeRegistration>(StringComparer.Ordinal);

    /// <summary>Sends the event to every live node for these users (one-way: the data is stored; a device that misses it resumes by seq).</summary>
    public Task DeliverAsync(IReadOnlyList<string> userIds, RealtimeEvent realtimeEvent)
    {
        if (userIds.Count == 0) return Task.CompletedTask;
        ToEveryLiveNode((userIds, realtimeEvent), static (node, s) => node.DeliverMany(s.userIds, s.realtimeEvent));
        return Task.CompletedTask;
    }

    /// <summary>Sends a presence event of <paramref name="subjectId"/> to every live node, each to find its local viewers.</summary>
    public Task DeliverToViewersOfAsync(string subjectId, RealtimeEvent realtimeEvent)
    {
        ToEveryLiveNode((subjectId, realtimeEvent), static (node, s) => node.DeliverToViewersOf(s.subjectId, s.realtimeEvent));
        return Task.CompletedTask;
    }

    /// <summary>Tells every live node that a user's standing changed (one-way; nodes also re-read it within a few seconds).</summary>
    public Task BroadcastStandingAsync(string userId, Abstractions.Accounts.AccountStanding standing)
    {
        ToEveryLiveNode((userId, standing), static (node, s) => node.StandingChanged(s.userId, s.standing));
        return Task.CompletedTask;
    }

    /// <summary>
    /// One one-way call to every registered node not declared dead (checked per call: no list is
    /// built on this hot path; the state is passed in, so the static lambdas allocate nothing).
    /// </summary>
    private void ToEveryLiveNode<TState>(TState state, Func<INodeObserver, TState, Task> send)
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var node in _nodes.Values)
        {
            if (snapshot.GetSiloStatus(node.Silo) == SiloStatus.Dead) continue;
            try { _ = send(node.Observer, state); }
            catch (Exception ex) { logger.LogDebug(ex, "Could not send to node {Node}", node.NodeId); }
        }
    }

    /// <summary>This node's own registration (known before any refresh) or a list the directory pushed.</summary>
    public void Learn(IEnumerable<NodeRegistration> nodes) =>
        ImmutableInterlocked.Update(ref _nodes, current => current.SetItems(nodes.Select(n => KeyValuePair.Create(n.NodeId, n))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = WatchMembershipAsync(stoppingToken);
        using var timer = new PeriodicTimer(RefreshEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await RefreshAsync();
        await changes;
    }

    private async Task WatchMembershipAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var _ in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                Forget();
                await RefreshAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Merges the directory's list in; nodes leave only when the membership says they died.</summary>
    private async Task RefreshAsync()
    {
        try
        {
            Learn(await grains.GetGrain<INodeDirectoryGrain>(0).GetNodes());
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Could not read the node directory; keeping the nodes known so far");
        }
        Forget();
    }

    private void Forget()
    {
        var snapshot = membership.CurrentSnapshot;
        ImmutableInterlocked.Update(ref _nodes, current =>
            current.RemoveRange(current.Values.Where(n => snapshot.GetSiloStatus(n.Silo) == SiloStatus.Dead).Select(n => n.NodeId)));
    }
}
