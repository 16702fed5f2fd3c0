using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;

namespace ChitLaq.Grains.Abstractions.Social;

public static class NotificationTypes
{
    public const string Follow = "follow";
    public const string Like = "like";
    public const string Reply = "reply";
    public const string Mention = "mention";
    public const string Repost = "repost";
    /// <summary>Someone asks to follow the user's locked account.</summary>
    public const string FollowRequest = "follow_request";
    /// <summary>A moderator's decision about the user (the actor is the user themself).</summary>
    public const string Moderation = "moderation";
}

[GenerateSerializer, Immutable, Alias("chitlaq.social.notification-request")]
public sealed record NotificationRequest(
    [property: Id(0)] string Type,
    [property: Id(1)] string ActorId,
    [property: Id(2)] string? PostId,
    [property: Id(3)] string? DecisionId = null);

[GenerateSerializer, Immutable, Alias("chitlaq.social.notification")]
public sealed record NotificationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] UserProfile Actor,
    [property: Id(3)] PostView? Post,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Read,
    [property: Id(6)] Moderation.DecisionView? Decision = null);
