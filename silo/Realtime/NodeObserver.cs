using ChitLaq.Api.Chat;
using ChitLaq.Api.Notifications;
using ChitLaq.Api.Realtime;
using ChitLaq.Grains;
using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// The adapter through which grains reach SignalR on this node: it turns a realtime event into
/// the contract's payload and sends it to the user's connections here.
/// </summary>
public sealed class NodeObserver(IHubContext<ChatHub> hub, ChitLaqMetrics metrics, ILogger<NodeObserver> logger) : INodeObserver
{
    public async Task Deliver(string userId, RealtimeEvent realtimeEvent)
    {
        if (Payload(realtimeEvent) is { } payload)
        {
            await hub.Clients.Group(ChatHub.UserGroup(userId)).SendAsync(realtimeEvent.Method, payload);
            Count(realtimeEvent, 1);
        }
    }

    /// <summary>SignalR serializes the message once for all the groups' connections.</summary>
    public async Task DeliverMany(IReadOnlyList<string> userIds, RealtimeEvent realtimeEvent)
    {
        if (Payload(realtimeEvent) is { } payload)
        {
            await hub.Clients.Groups(userIds.Select(ChatHub.UserGroup).ToList()).SendAsync(realtimeEvent.Method, payload);
            Count(realtimeEvent, userIds.Count);
        }
    }

    private void Count(RealtimeEvent realtimeEvent, int users) =>
        metrics.RealtimeDeliveries.Add(users, new KeyValuePair<string, object?>("event", realtimeEvent.Method));

    private object? Payload(RealtimeEvent realtimeEvent)
    {
        object? payload = realtimeEvent.Method switch
        {
            "message" or "messageUpdated" => MessageDto.From(realtimeEvent.Message!),
            "receipt" => realtimeEvent.Receipt,
            "typing" => TypingDto.From(realtimeEvent.Typing!),
            "conversation" => ConversationEventDto.From(realtimeEvent.Conversation!),
            "notification" => NotificationDto.From(realtimeEvent.Notification!),
            "feed" => new { postId = realtimeEvent.PostId },
            "online" => realtimeEvent.Presence,
            _ => null,
        };
        if (payload is null) logger.LogWarning("Unknown realtime event {Method}", realtimeEvent.Method);
        return payload;
    }
}
