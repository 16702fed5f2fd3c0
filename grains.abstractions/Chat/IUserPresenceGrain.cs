using ChitLaq.Grains.Abstractions.Social;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Chat;

/// <summary>
/// One user's live connections (key: user id): which nodes hold them, and so where to deliver
/// their events. Each node registers an observer for its connections and renews it; a node that
/// stops renewing (it died) drops out when its lease runs out.
/// </summary>
[Alias("chitlaq.chat.user-presence")]
public interface IUserPresenceGrain : IGrainWithStringKey
{
    [Alias("attach")] Task Attach(string nodeId, INodeObserver node, int connections);
    [Alias("detach")] Task Detach(string nodeId);

    /// <summary>"online" or "away" while connected (a device's choice); offline follows from the connections.</summary>
    [Alias("set-status")] Task SetStatus(string status);

    [Alias("presence"), AlwaysInterleave] Task<PresenceView> GetPresence();

    /// <summary>Delivers the event to every node holding a connection of this user.</summary>
    [Alias("deliver"), AlwaysInterleave, OneWay] Task Deliver(RealtimeEvent realtimeEvent);
}

/// <summary>Presence of several users as one viewer may see it (a stateless worker).</summary>
[Alias("chitlaq.chat.presence-query")]
public interface IPresenceQueryGrain : IGrainWithIntegerKey
{
    [Alias("visible")] Task<IReadOnlyList<PresenceView>> Visible(string viewerId, IReadOnlyList<string> userIds);
}

/// <summary>A node's receiver of realtime events for the users connected to it.</summary>
[Alias("chitlaq.chat.node-observer")]
public interface INodeObserver : IGrainObserver
{
    [Alias("deliver")] Task Deliver(string userId, RealtimeEvent realtimeEvent);
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
