using ChitLaq.Api.Notifications;
using ChitLaq.Api.Realtime;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Social;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// The adapter through which grains reach SignalR: it pushes <c>notification</c> and <c>feed</c>
/// events to the user's connections on this node. (Delivery to connections held by other nodes
/// arrives with the realtime messaging work.) Best effort: the data is already stored.
/// </summary>
internal sealed class HubUserEvents(IHubContext<ChatHub> hub, ILogger<HubUserEvents> logger) : IUserEvents
{
    public Task NotificationAsync(string userId, NotificationView notification) =>
        Send(userId, "notification", NotificationDto.From(notification));

    public Task FeedAsync(string userId, string postId) => Send(userId, "feed", new { postId });

    private async Task Send(string userId, string method, object payload)
    {
        try
        {
            await hub.Clients.User(userId).SendAsync(method, payload);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push {Method} to a user", method);
        }
    }
}
