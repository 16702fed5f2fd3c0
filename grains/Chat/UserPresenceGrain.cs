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
    private string _status = "offline";
    private string _chosen = "online";
    private IGrainTimer? _offlineCheck;

    private string UserId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task Attach(string nodeId, INodeObserver node, int connections)
    {
        if (connections <= 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = (node, connections, Now + Lease);
        await Reconsider();
    }

    public async Task Detach(string nodeId)
    {
        _nodes.Remove(nodeId);
        await Reconsider();
    }

    public async Task SetStatus(string status)
    {
        if (status is not ("online" or "away")) throw new ArgumentException("status is online or away", nameof(status));
        _chosen = status;
        await Reconsider();
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
                _nodes.Remove(nodeId);
            }
        }
    }

    /// <summary>Works out the status from the live nodes; going offline waits out the grace period.</summary>
    private async Task Reconsider()
    {
        foreach (var (nodeId, _) in _nodes.Where(n => n.Value.Until < Now).ToList()) _nodes.Remove(nodeId);
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
        foreach (var (nodeId, _) in _nodes.Where(n => n.Value.Until < Now).ToList()) _nodes.Remove(nodeId);
        if (_nodes.Count > 0) return;
        StopOfflineCheck();
        state.State.LastSeenAt = Now;
        await state.WriteStateAsync();
        _chosen = "online";
        await Announce("offline");
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
