using ChitLaq.Grains.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using Orleans.Runtime;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// One user's presence. Nodes attach with the number of connections they hold and renew within
/// <see cref="Lease"/>; a node that stops renewing (it died) is dropped when its lease ends, and
/// every node re-attaches its users at once after a membership change (so this grain, re-activated
/// elsewhere after its node died, is full again within seconds). The user goes offline only when
/// the last connection has been gone for <see cref="Grace"/> (a reconnect rides it out). A status
/// change goes to the audience — followers and conversation partners, never across a block — as
/// one event per node (<see cref="RealtimeFanout"/>), which each node keeps for the viewers
/// connected to it: no offline viewer's grain is activated.
/// </summary>
[GrainType("user-presence")]
public sealed class UserPresenceGrain(
    [PersistentState("presence")] IPersistentState<PresenceState> state,
    PresenceStore audience,
    ProfileCache profiles,
    RealtimeFanout fanout,
    TimeProvider clock) : Grain, IUserPresenceGrain
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the audience read from the tables is reused. Follows, blocks and conversation
    /// changes clear it at once (<see cref="AudienceChanged"/>); the bound covers a lost notice.
    /// </summary>
    private static readonly TimeSpan AudienceFresh = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (int Connections, DateTimeOffset Until)> _nodes = new(StringComparer.Ordinal);
    private string _status = "offline";
    private string _chosen = "online";
    private IGrainTimer? _offlineCheck;
    /// <summary>The listed audience, or null Ids when it is too large to list (nodes find their viewers).</summary>
    private (List<string>? Ids, DateTimeOffset Until)? _audience;

    private string UserId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task Attach(string nodeId, int connections)
    {
        if (connections <= 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = (connections, Now + Lease);
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

    public Task AudienceChanged()
    {
        _audience = null;
        return Task.CompletedTask;
    }

    public async Task<PresenceView> GetPresence() =>
        new(UserId, (await profiles.Get(UserId))?.Handle ?? "", _status, _status == "online" ? Now : state.State.LastSeenAt);

    /// <summary>Works out the status from the live nodes; going offline waits out the grace period.</summary>
    private async Task Reconsider()
    {
        DropExpiredNodes();
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
        DropExpiredNodes();
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
        var realtimeEvent = new RealtimeEvent("online", Presence: view);
        if (await AudienceAsync() is { } audience) await fanout.DeliverAsync(audience, realtimeEvent);
        else await fanout.DeliverToViewersOfAsync(UserId, realtimeEvent);
    }

    private async Task<List<string>?> AudienceAsync()
    {
        if (_audience is { } cached && cached.Until > Now) return cached.Ids;
        var ids = await audience.AudienceAsync(UserId);
        _audience = (ids, Now + AudienceFresh);
        return ids;
    }
}
