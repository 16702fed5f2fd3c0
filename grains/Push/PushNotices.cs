using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Push;
using ChitLaq.Grains.Abstractions.Social;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Push;

/// <summary>
/// Turns what happened (a message, a notification) into the push each recipient's push grain
/// decides about. Called after the event is stored; the calls are one-way, so neither the sender of
/// the message nor the actor waits for them, and a failure to queue is logged where it happens.
/// </summary>
public sealed class PushNotices(IGrainFactory grains, ILogger<PushNotices> logger)
{
    private const int MaxBody = 140;

    private static readonly Dictionary<string, string> Verbs = new()
    {
        [NotificationTypes.Mention] = "mentioned you",
        [NotificationTypes.Reply] = "replied to your post",
        [NotificationTypes.Follow] = "followed you",
        [NotificationTypes.Like] = "liked your post",
        [NotificationTypes.Repost] = "reposted your post",
        [NotificationTypes.FollowRequest] = "asked to follow you",
    };

    public Task MessageAsync(MessageView message, string? groupTitle, IEnumerable<string> memberIds)
    {
        var title = groupTitle is { Length: > 0 } ? $"{message.Sender.DisplayName} in {groupTitle}" : message.Sender.DisplayName;
        var push = new PushEvent(PushKinds.Message, title, Short(message.Text), $"/chat/{message.ConversationId}",
            "conversation:" + message.ConversationId, ConversationId: message.ConversationId, OnceKey: PushOnce.MessageKey(message.Id));
        return DeliverAsync(memberIds.Where(id => id != message.Sender.Id), push);
    }

    public Task NotificationAsync(string userId, NotificationView notification)
    {
        PushEvent push;
        if (notification.Type == NotificationTypes.Moderation)
            push = new PushEvent(PushKinds.Moderation, "A decision about your ChitLaq account", Short(notification.Decision?.Reason ?? ""),
                "/decisions", "moderation:" + (notification.Decision?.Id ?? notification.Id));
        else if (notification.Type == NotificationTypes.FollowRequest)
            // A request is a kind of follow as far as the student's push settings go.
            push = new PushEvent(PushKinds.Follow, $"{notification.Actor.DisplayName} {Verbs[notification.Type]}", "", "/follow-requests",
                $"follow_request:{notification.Actor.Id}");
        else if (Verbs.TryGetValue(notification.Type, out var verb))
            push = new PushEvent(notification.Type, $"{notification.Actor.DisplayName} {verb}", Short(notification.Post?.Text ?? ""),
                notification.Type == NotificationTypes.Follow ? $"/u/{notification.Actor.Handle}" : "/notifications",
                $"{notification.Type}:{notification.Post?.Id ?? notification.Actor.Id}", PostId: notification.Post?.Id);
        else return Task.CompletedTask;
        return DeliverAsync([userId], push);
    }

    /// <summary>One one-way call per recipient: the push grains decide and queue on their own turns.</summary>
    private Task DeliverAsync(IEnumerable<string> userIds, PushEvent push)
    {
        foreach (var id in userIds)
        {
            try
            {
                _ = grains.GetGrain<IPushGrain>(id).Deliver(push);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not queue the {Type} push {Tag} for {User}", push.Type, push.Tag, id);
            }
        }
        return Task.CompletedTask;
    }

    private static string Short(string text) => text.Length <= MaxBody ? text : text[..(MaxBody - 1)] + "…";
}
