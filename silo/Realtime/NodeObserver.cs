using ChitLaq.Api.Chat;
using ChitLaq.Api.Moderation;
using ChitLaq.Api.Notifications;
using ChitLaq.Api.Realtime;
using ChitLaq.Grains;
using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Chat;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// The adapter through which grains reach SignalR on this node: every event of the cluster
/// arrives here, and what is for users connected here is turned into the contract's payload
/// (serialized once for all of them) and sent to their connections.
/// </summary>
public sealed class NodeObserver(IHubContext<ChatHub> hub, LocalConnections connections, RealtimeFanout fanout, PresenceStore presence,
    ChitLaq.Api.Moderation.AccountStandings standings, HubConnections hubConnections, ChitLaq.Grains.Accounts.ProfileCache profiles, TimeProvider clock,
    ChitLaqMetrics metrics, ILogger<NodeObserver> logger) : INodeObserver
{
    public Task StandingChanged(string userId, ChitLaq.Grains.Abstractions.Accounts.AccountStanding standing)
    {
        standings.Set(userId, standing);
        profiles.Forget(userId); // hidden, shown again or erased: this node's copy of the profile is out of date
        // A suspension closes every connection; a raised token epoch (an account deletion) those of the revoked tokens.
        var closed = standing.IsRestrictedAt(clock.GetUtcNow())
            ? hubConnections.CloseAll(userId)
            : hubConnections.CloseWhere(userId, connection => connection.User is { } user && RestrictedSessions.IsRevoked(user, standing));
        if (closed > 0) logger.LogInformation("Closed {Count} hub connections of user {UserId} after a change of standing", closed, userId);
        return Task.CompletedTask;
    }

    public async Task DeliverMany(IReadOnlyList<string> userIds, RealtimeEvent realtimeEvent)
    {
        var here = userIds.Where(connections.Has).ToList();
        if (here.Count == 0) return;
        // A message's reactions say "reactedByMe": recipients who reacted differently get their own
        // payload (one per distinct set of own reactions — most messages have none, so one for all).
        foreach (var (recipients, viewerId) in Audiences(here, realtimeEvent))
        {
            if (Payload(realtimeEvent, viewerId) is not { } payload) return;
            await hub.Clients.Groups(recipients.Select(ChatHub.UserGroup).ToList()).SendAsync(realtimeEvent.Method, payload);
        }
        metrics.RealtimeDeliveries.Add(here.Count, new KeyValuePair<string, object?>("event", realtimeEvent.Method));
    }

    private static IEnumerable<(List<string> Recipients, string? ViewerId)> Audiences(List<string> here, RealtimeEvent realtimeEvent)
    {
        var reactions = realtimeEvent.Message?.Reactions;
        if (reactions is not { Count: > 0 })
        {
            yield return (here, null);
            yield break;
        }
        foreach (var group in here.GroupBy(id => string.Join('\n', reactions.Where(r => r.UserIds.Contains(id)).Select(r => r.Emoji))))
            yield return (group.ToList(), group.First());
    }

    public async Task DeliverToViewersOf(string subjectId, RealtimeEvent realtimeEvent)
    {
        var here = connections.All.Select(c => c.Key).ToArray();
        if (here.Length == 0) return;
        try
        {
            await DeliverMany(await presence.ViewersAmongAsync(subjectId, here), realtimeEvent);
        }
        catch (Exception ex)
        {
            // Presence is best effort (the next change, or GET /presence, shows the truth); never fail the caller.
            logger.LogWarning(ex, "Finding this node's viewers of {UserId}'s presence failed", subjectId);
        }
    }

    public Task NodesChanged(IReadOnlyList<NodeRegistration> nodes)
    {
        fanout.Learn(nodes);
        return Task.CompletedTask;
    }

    private object? Payload(RealtimeEvent realtimeEvent, string? viewerId)
    {
        object? payload = realtimeEvent.Method switch
        {
            "message" or "messageUpdated" => MessageDto.From(realtimeEvent.Message!, viewerId),
            "receipt" => realtimeEvent.Receipt,
            "typing" => TypingDto.From(realtimeEvent.Typing!),
            // A conversation event goes to one member (its view is theirs) or to several with the same view.
            "conversation" => ConversationEventDto.From(realtimeEvent.Conversation!, viewerId),
            "notification" => NotificationDto.From(realtimeEvent.Notification!),
            "feed" => new { postId = realtimeEvent.PostId },
            "online" => realtimeEvent.Presence,
            _ => null,
        };
        if (payload is null) logger.LogWarning("Unknown realtime event {Method}", realtimeEvent.Method);
        return payload;
    }
}
