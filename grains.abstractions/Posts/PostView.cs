using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Media;

namespace ChitLaq.Grains.Abstractions.Posts;

/// <summary>A post as a reader sees it (API.md "Post").</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.posts.view")]
public sealed record PostView(
    [property: Id(0)] string Id,
    [property: Id(1)] UserProfile Author,
    [property: Id(2)] string Text,
    [property: Id(3)] IReadOnlyList<string> Hashtags,
    [property: Id(4)] IReadOnlyList<string> Mentions,
    [property: Id(5)] IReadOnlyList<string> MediaIds,
    [property: Id(6)] string? ReplyToId,
    [property: Id(7)] string? RepostOfId,
    [property: Id(8)] PostView? RepostOf,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? EditedAt,
    [property: Id(11)] int LikeCount,
    [property: Id(12)] int ReplyCount,
    [property: Id(13)] int RepostCount,
    [property: Id(14)] bool LikedByMe,
    [property: Id(15)] bool RepostedByMe,
    [property: Id(16)] IReadOnlyList<MediaInfo>? Media = null,
    [property: Id(17)] IReadOnlyList<Filters.FilterMatch>? Filtered = null,
    [property: Id(18)] string Audience = Audiences.Public,
    [property: Id(19)] bool BookmarkedByMe = false);

/// <summary>The stored facts of one post, without viewer-relative parts.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.posts.snapshot")]
public sealed record PostSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string Text,
    [property: Id(3)] IReadOnlyList<string> Hashtags,
    [property: Id(4)] IReadOnlyList<string> Mentions,
    [property: Id(5)] IReadOnlyList<string> MediaIds,
    [property: Id(6)] string? ReplyToId,
    [property: Id(7)] string? RepostOfId,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? EditedAt,
    [property: Id(10)] int LikeCount,
    [property: Id(11)] int ReplyCount,
    [property: Id(12)] int RepostCount,
    [property: Id(13)] IReadOnlyList<MediaInfo>? Media = null,
    [property: Id(14)] string Audience = Audiences.Public);
