using ChitLaq.Grains.Abstractions.Social;

namespace ChitLaq.Grains.Abstractions.Posts;

/// <summary>
/// One post (key: post id). Creates its row, then owns every change to it: edits, deletion,
/// like/reply/repost counters (exact, because this is their only writer).
/// </summary>
[Alias("chitlaq.posts.post")]
public interface IPostGrain : IGrainWithStringKey
{
    [Alias("create")] Task<PostResult> Create(NewPost post);

    /// <summary>The post, or null when it does not exist or was deleted.</summary>
    [Alias("snapshot"), Orleans.Concurrency.AlwaysInterleave] Task<PostSnapshot?> GetSnapshot();

    [Alias("view")] Task<PostView?> GetView(string? viewerId);
    [Alias("edit")] Task<PostResult> Edit(string editorId, string text);

    /// <summary>Every text the post had, newest first, each with when it was written; null when the viewer may not see the post.</summary>
    [Alias("history")] Task<IReadOnlyList<PostVersion>?> History(string? viewerId);
    [Alias("delete")] Task<PostOutcome> Delete(string actorId, bool actorIsModerator);

    [Alias("like")] Task<PostOutcome> Like(string userId);
    [Alias("unlike")] Task<PostOutcome> Unlike(string userId);
    [Alias("repost")] Task<PostOutcome> Repost(string userId);
    [Alias("unrepost")] Task<PostOutcome> Unrepost(string userId);

    /// <summary>
    /// A moderator's decision takes the post down everywhere (feeds, search, replies) keeping its
    /// images, or — overturned on appeal — puts it back. False when there is nothing to change.
    /// </summary>
    [Alias("moderate")] Task<bool> Moderate(bool removed);

    /// <summary>The post's author and content for a report, also when it was already taken down.</summary>
    [Alias("for-report"), Orleans.Concurrency.AlwaysInterleave] Task<Moderation.ReportableContent?> ForReport();

    // Told by replies; never called by endpoints.
    [Alias("reply-count")] Task ReplyCountChanged(int delta);
}

[GenerateSerializer, Immutable, Alias("chitlaq.posts.version")]
public sealed record PostVersion([property: Id(0)] string Text, [property: Id(1)] DateTimeOffset EditedAt);

/// <summary>One student's bookmarks (key: user id): private, and only of posts they may see.</summary>
[Alias("chitlaq.posts.bookmarks")]
public interface IBookmarksGrain : IGrainWithStringKey
{
    [Alias("add")] Task<PostOutcome> Add(string postId);
    [Alias("remove")] Task<PostOutcome> Remove(string postId);
    [Alias("list")] Task<Page<PostView>> List(string? cursor, int limit);
}

/// <summary>Lists of posts read from the tables (a stateless worker on every silo).</summary>
[Alias("chitlaq.posts.lists")]
public interface IPostListsGrain : IGrainWithIntegerKey
{
    [Alias("by-author")] Task<Page<PostView>> ByAuthor(string authorId, string? viewerId, string? cursor, int limit);
    [Alias("replies")] Task<Page<PostView>> Replies(string postId, string? viewerId, string? cursor, int limit);
}

[GenerateSerializer, Immutable, Alias("chitlaq.posts.new")]
public sealed record NewPost(
    [property: Id(0)] string AuthorId,
    [property: Id(1)] string Text,
    [property: Id(2)] string? ReplyToId,
    [property: Id(3)] IReadOnlyList<string> MediaIds,
    /// <summary>Null: the author's default audience.</summary>
    [property: Id(4)] string? Audience = null);

[GenerateSerializer, Alias("chitlaq.posts.outcome")]
public enum PostOutcome
{
    Done = 0,
    NotFound = 1,
    Forbidden = 2,
    Invalid = 3,
    Blocked = 4,
    /// <summary>A server keyword rule refuses the text (422 content_blocked).</summary>
    ContentBlocked = 5,
    /// <summary>Only public posts of unlocked accounts can be reposted (403 not_repostable).</summary>
    NotRepostable = 6,
}

[GenerateSerializer, Immutable, Alias("chitlaq.posts.result")]
public sealed record PostResult(
    [property: Id(0)] PostOutcome Outcome,
    [property: Id(1)] PostView? Post = null,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null);
