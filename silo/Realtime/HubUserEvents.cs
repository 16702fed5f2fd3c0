using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Social;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// Notifications and feed events take the same path as chat events: through the user's presence
/// grain to every node holding one of their connections (one-way; the data is already stored).
/// </summary>
internal sealed class HubUserEvents(IGrainFactory grains) : IUserEvents
{
    public Task NotificationAsync(string userId, NotificationView notification) =>
        grains.GetGrain<IUserPresenceGrain>(userId).Deliver(new RealtimeEvent("notification", Notification: notification));

    public Task FeedAsync(string userId, string postId) =>
        grains.GetGrain<IUserPresenceGrain>(userId).Deliver(new RealtimeEvent("feed", PostId: postId));
}
