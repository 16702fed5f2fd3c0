namespace ChitLaq.Grains.Posts;

/// <summary>One row of <c>posts</c>.</summary>
public sealed record PostRow(
    string Id, string AuthorId, string Text, string[] Hashtags, string[] Mentions, string[] MediaIds,
    string? ReplyToId, string? RepostOfId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt,
    int LikeCount, int ReplyCount, int RepostCount, string Audience = Abstractions.Posts.Audiences.Public);

/// <summary>Ids are UUIDv7 in hex: the first 12 digits are the creation time in milliseconds.</summary>
public static class PostIds
{
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>The smallest id that a post created at <paramref name="at"/> can have.</summary>
    public static string LowerBound(DateTimeOffset at) =>
        Math.Max(0, at.ToUnixTimeMilliseconds()).ToString("x12") + new string('0', 20);

    public static bool IsWellFormed(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
