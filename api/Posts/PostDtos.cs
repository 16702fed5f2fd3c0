using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Posts;

namespace ChitLaq.Api.Posts;

/// <summary>API.md "Media" (uploads arrive with the media feature; until then lists are empty).</summary>
public sealed record MediaDto(string Id, string Url, string ContentType, int Width, int Height, long Bytes);

/// <summary>API.md "Post".</summary>
public sealed record PostDto(
    string Id, UserDto Author, string Text, IReadOnlyList<string> Hashtags, IReadOnlyList<string> Mentions,
    IReadOnlyList<MediaDto> Media, string? ReplyToId, string? RepostOfId, PostDto? RepostOf,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int LikeCount, int ReplyCount, int RepostCount,
    bool LikedByMe, bool RepostedByMe)
{
    public static PostDto From(PostView p) => new(
        p.Id, UserDto.From(p.Author), p.Text, p.Hashtags, p.Mentions, [], p.ReplyToId, p.RepostOfId,
        p.RepostOf is null ? null : From(p.RepostOf), p.CreatedAt, p.EditedAt, p.LikeCount, p.ReplyCount, p.RepostCount,
        p.LikedByMe, p.RepostedByMe);
}
