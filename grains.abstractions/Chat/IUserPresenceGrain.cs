using ChitLaq.Grains.Abstractions.Social;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Chat;

/// <summary>
/// One user's presence (key: user id): which nodes hold their connections — counted, not used
/// for delivery (events go to every node, see <c>RealtimeFanout</c>) — and so whether they are
/// online. Each node attaches with its connection count and renews; a node that stops renewing
/// (it died) drops out when its lease runs out, and nodes re-attach at once after any cluster
/// membership change, so a re-activated presence grain does not stay empty.
/// </summary>
[Alias("chitlaq.chat.user-presence")]
public interface IUserPresenceGrain : IGrainWithStringKey
{
    [Alias("attach")] Task Attach(string nodeId, int connections);
    [Alias("detach")] Task Detach(string nodeId);

    /// <summary>"online" or "away" while connected (a device's choice); offline follows from the connections.</summary>
    [Alias("set-status")] Task SetStatus(string status);

    [Alias("presence"), AlwaysInterleave] Task<PresenceView> GetPresence();

    /// <summary>
    /// Who may see this user's presence changed (a follow, an unfollow, a block either way, a
    /// conversation joined or left): the next status change reads the audience afresh instead of
    /// reusing the cached one. One-way: the change that causes it does not wait.
    /// </summary>
    [Alias("audience-changed"), OneWay] Task AudienceChanged();
}

/// <summary>Presence of several users as one viewer may see it (a stateless worker).</summary>
[Alias("chitlaq.chat.presence-query")]
public interface IPresenceQueryGrain : IGrainWithIntegerKey
{
    [Alias("visible")] Task<IReadOnlyList<PresenceView>> Visible(string viewerId, IReadOnlyList<string> userIds);
}

/// <summary>A node's receiver of realtime events: it keeps those of the users connected to it.</summary>
[Alias("chitlaq.chat.node-observer")]
public interface INodeObserver : IGrainObserver
{
    /// <summary>One event for several users; the node sends it to those connected here and ignores the rest.</summary>
    [Alias("deliver-many"), OneWay] Task DeliverMany(IReadOnlyList<string> userIds, RealtimeEvent realtimeEvent);

    /// <summary>
    /// A presence event of a user whose audience is too large to list: the node sends it to those
    /// connected here who may see <paramref name="subjectId"/>'s presence (one indexed query over
    /// its own connected users, so the cost follows who is online here, not the follower count).
    /// </summary>
    [Alias("deliver-to-viewers-of"), OneWay] Task DeliverToViewersOf(string subjectId, RealtimeEvent realtimeEvent);

    /// <summary>The directory's list changed (a node joined): how to reach every node now.</summary>
    [Alias("nodes-changed"), OneWay] Task NodesChanged(IReadOnlyList<NodeRegistration> nodes);

    /// <summary>
    /// A user's standing changed (suspended, banned, limited, lifted): the node replaces its copy at
    /// once and, when the account may no longer use the hub, closes that user's connections here.
    /// </summary>
    [Alias("standing-changed"), OneWay] Task StandingChanged(string userId, Accounts.AccountStanding standing);
}

/// <summary>One server → client event (API.md "Realtime hub"): the method name and its single argument.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.event")]
public sealed record RealtimeEvent(
    [property: Id(0)] string Method,
    [property: Id(1)] MessageView? Message = null,
    [property: Id(2)] ReceiptView? Receipt = null,
    [property: Id(3)] TypingView? Typing = null,
    [property: Id(4)] ConversationChange? Conversation = null,
    [property: Id(5)] NotificationView? Notification = null,
    [property: Id(6)] string? PostId = null,
    [property: Id(7)] PresenceView? Presence = null);
