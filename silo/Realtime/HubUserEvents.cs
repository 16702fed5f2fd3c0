using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Chat;
using ChitLaq.Grains.Social;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// Notifications and feed events take the same path as chat events: one one-way call per node,
/// each node keeping it for the user's connections there (the data is already stored). An offline
/// user costs nothing but those calls: no grain of theirs is activated.
/// </summary>
internal sealed class HubUserEvents(RealtimeFanout fanout) : IUserEvents
{
    public Task NotificationAsync(string userId, NotificationView notification) =>
        fanout.DeliverAsync([userId], new RealtimeEvent("notification", Notification: notification));

    public Task FeedAsync(string userId, string postId) =>
        fanout.DeliverAsync([userId], new RealtimeEvent("feed", PostId: postId));
}
