using ChitLaq.Grains.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// One user's live connections and presence. Nodes attach with the number of connections they
/// hold and renew within <see cref="Lease"/>; a node that stops renewing (it died) is dropped when
/// its lease ends, and so is one whose observer stops answering. The user goes offline only when
/// the last connection has been gone for <see cref="Grace"/> (a reconnect rides it out);
/// followers and conversation partners are told, never across a block. Events go to each node once.
/// Conversations that fan out to this user watch the node set (<see cref="Watch"/>) and are told
/// of each change before the change's Attach/Detach returns, so a device that has finished
/// connecting gets every later message.
/// </summary>
[GrainType("user-presence")]
public sealed class UserPresenceGrain(
    [PersistentState("presence")] IPersistentState<PresenceState> state,
    PresenceStore audience,
    ProfileCache profiles,
    TimeProvider clock,
    ILogger<UserPresenceGrain> logger) : Grain, IUserPresenceGrain
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (INodeObserver Node, int Connections, DateTimeOffset Until)> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<GrainId, (IRouteWatcher Watcher, DateTimeOffset Until)> _watchers = [];
    private long _routesVersion;
    private string _status = "offline";
    private string _chosen = "online";
    private IGrainTimer? _offlineCheck;

    private string UserId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task Attach(string nodeId, INodeObserver node, int connections)
    {
        var before = NodeSet();
        if (connections <= 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = (node, connections, Now + Lease);
        await Reconsider(before);
    }

    public async Task Detach(string nodeId)
    {
        var before = NodeSet();
        _nodes.Remove(nodeId);
        await Reconsider(before);
    }

    public async Task SetStatus(string status)
    {
        if (status is not ("online" or "away")) throw new ArgumentException("status is online or away", nameof(status));
        _chosen = status;
        await Reconsider(NodeSet());
    }

    public async Task<PresenceView> GetPresence() =>
        new(UserId, (await profiles.Get(UserId))?.Handle ?? "", _status, _status == "online" ? Now : state.State.LastSeenAt);

    public async Task Deliver(RealtimeEvent realtimeEvent)
    {
        foreach (var (nodeId, entry) in _nodes.ToList())
        {
            if (entry.Until < Now) continue;
            try
            {
                await entry.Node.Deliver(UserId, realtimeEvent);
            }
            catch (Exception ex)
            {
                // The node is gone or unreachable; its clients reconnect elsewhere and Resume.
                logger.LogInformation(ex, "Dropping unreachable node {Node} for a user", nodeId);
                var before = NodeSet();
                _nodes.Remove(nodeId);
                await TellWatchersIfChanged(before);
            }
        }
    }

    public Task<UserRoutes> Watch(IRouteWatcher watcher)
    {
        _watchers[watcher.GetGrainId()] = (watcher, Now + IUserPresenceGrain.RouteLease);
        // Watchers are held in memory only: stay active at least as long as they rely on us.
        DelayDeactivation(IUserPresenceGrain.RouteLease);
        return Task.FromResult(Routes());
    }

    public Task Unwatch(IRouteWatcher watcher)
    {
        _watchers.Remove(watcher.GetGrainId());
        return Task.CompletedTask;
    }

    private UserRoutes Routes()
    {
        if (_routesVersion == 0) _routesVersion = Now.UtcTicks;
        return new UserRoutes(_routesVersion, _nodes.Where(n => n.Value.Until >= Now).Select(n => new NodeRoute(n.Key, n.Value.Node)).ToList());
    }

    private HashSet<string> NodeSet() => _nodes.Where(n => n.Value.Until >= Now).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);

    private async Task TellWatchersIfChanged(HashSet<string> before)
    {
        if (NodeSet().SetEquals(before)) return;
        _routesVersion = Math.Max(_routesVersion + 1, Now.UtcTicks);
        foreach (var (id, _) in _watchers.Where(w => w.Value.Until < Now).ToList()) _watchers.Remove(id);
        if (_watchers.Count == 0) return;
        var routes = Routes();
        await Task.WhenAll(_watchers.Values.Select(async w =>
        {
            try { await w.Watcher.RoutesChanged(UserId, routes); }
            catch (Exception ex) { logger.LogDebug(ex, "A route watcher did not answer; it re-watches when its copy gets old"); }
        }));
    }

    /// <summary>Works out the status from the live nodes; going offline waits out the grace period.</summary>
    private async Task Reconsider(HashSet<string> before)
    {
        DropExpiredNodes();
        await TellWatchersIfChanged(before);
        if (_nodes.Count > 0)
        {
            StopOfflineCheck();
            await Announce(_chosen);
            return;
        }
        if (_status != "offline" && _offlineCheck is null)
            _offlineCheck = this.RegisterGrainTimer(GoOfflineIfStillGone, new GrainTimerCreationOptions { DueTime = Grace, Period = Grace });
    }

    private async Task GoOfflineIfStillGone()
    {
        var before = NodeSet();
        DropExpiredNodes();
        await TellWatchersIfChanged(before);
        if (_nodes.Count > 0) return;
        StopOfflineCheck();
        state.State.LastSeenAt = Now;
        await state.WriteStateAsync();
        _chosen = "online";
        await Announce("offline");
    }

    /// <summary>Nodes that stopped renewing (they died) leave when their lease ends.</summary>
    private void DropExpiredNodes()
    {
        foreach (var (nodeId, _) in _nodes.Where(n => n.Value.Until < Now).ToList()) _nodes.Remove(nodeId);
    }

    private void StopOfflineCheck()
    {
        _offlineCheck?.Dispose();
        _offlineCheck = null;
    }

    private async Task Announce(string status)
    {
        if (status == _status) return;
        _status = status;
        var view = await GetPresence();
        foreach (var viewer in await audience.AudienceAsync(UserId))
            await GrainFactory.GetGrain<IUserPresenceGrain>(viewer).Deliver(new RealtimeEvent("online", Presence: view));
    }
}
