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

    /// <summary>
    /// The nodes holding this user's connections now; <paramref name="watcher"/> is told of every
    /// change for <see cref="RouteLease"/> after the call, so it can batch deliveries per node.
    /// </summary>
    [Alias("watch"), AlwaysInterleave] Task<UserRoutes> Watch(IRouteWatcher watcher);

    [Alias("unwatch"), AlwaysInterleave, OneWay] Task Unwatch(IRouteWatcher watcher);

    /// <summary>How long a <see cref="Watch"/> keeps its watcher informed; watchers re-watch before it ends.</summary>
    public static readonly TimeSpan RouteLease = TimeSpan.FromSeconds(90);
}

/// <summary>
/// A grain that fans events out to several users (a conversation) and so keeps a copy of where
/// their connections are, to send each node one batch instead of one call per user.
/// </summary>
[Alias("chitlaq.chat.route-watcher")]
public interface IRouteWatcher : IGrainWithStringKey
{
    [Alias("routes-changed"), AlwaysInterleave] Task RoutesChanged(string userId, UserRoutes routes);
}

/// <summary>
/// The nodes holding a user's connections. <see cref="Version"/> grows with every change (it
/// starts from the clock, so a re-activated presence grain still counts upwards); a watcher keeps
/// the highest it has seen, whatever order the messages arrive in.
/// </summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.user-routes")]
public sealed record UserRoutes([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<NodeRoute> Nodes);

/// <summary>One node holding connections of a user, and how to reach it.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.node-route")]
public sealed record NodeRoute([property: Id(0)] string NodeId, [property: Id(1)] INodeObserver Node);

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

    /// <summary>One event for several users connected here (a conversation's batched fan-out).</summary>
    [Alias("deliver-many"), OneWay] Task DeliverMany(IReadOnlyList<string> userIds, RealtimeEvent realtimeEvent);
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
