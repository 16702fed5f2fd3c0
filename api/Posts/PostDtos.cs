using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Media;
using ChitLaq.Grains.Abstractions.Posts;

namespace ChitLaq.Api.Posts;

/// <summary>API.md "Media", plus the feed-sized variant (<c>feedUrl</c>, at most 400 px wide) timelines should show.</summary>
public sealed record MediaDto(string Id, string Url, string ContentType, int Width, int Height, long Bytes,
    string FeedUrl, int FeedWidth, int FeedHeight)
{
    public static MediaDto From(MediaInfo m) => new(m.Id, m.Url, m.ContentType, m.Width, m.Height, m.Bytes, m.FeedUrl, m.FeedWidth, m.FeedHeight);
}

/// <summary>A warn filter of the reader's that the post matched.</summary>
public sealed record FilterMatchDto(string FilterId, string Phrase);

/// <summary>API.md "Post"; <c>filtered</c> lists the reader's warn filters it matched (empty when none).</summary>
public sealed record PostDto(
    string Id, UserDto Author, string Text, IReadOnlyList<string> Hashtags, IReadOnlyList<string> Mentions,
    IReadOnlyList<MediaDto> Media, string? ReplyToId, string? RepostOfId, PostDto? RepostOf,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, int LikeCount, int ReplyCount, int RepostCount,
    bool LikedByMe, bool RepostedByMe, IReadOnlyList<FilterMatchDto> Filtered, string Audience, bool BookmarkedByMe)
{
    public static PostDto From(PostView p) => new(
        p.Id, UserDto.From(p.Author), p.Text, p.Hashtags, p.Mentions, (p.Media ?? []).Select(MediaDto.From).ToList(), p.ReplyToId, p.RepostOfId,
        p.RepostOf is null ? null : From(p.RepostOf), p.CreatedAt, p.EditedAt, p.LikeCount, p.ReplyCount, p.RepostCount,
        p.LikedByMe, p.RepostedByMe, (p.Filtered ?? []).Select(m => new FilterMatchDto(m.FilterId, m.Phrase)).ToList(), p.Audience, p.BookmarkedByMe);
}
