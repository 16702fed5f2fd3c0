using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Filters;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Social;

/// <summary>
/// One user's side of the social graph (same activation as <see cref="IUserGrain"/>): whom they
/// follow, block and mute, their counts, and their notifications. The single writer of their
/// outgoing edges and of their notification list.
/// </summary>
[Alias("chitlaq.social.user-graph")]
public interface IUserGraphGrain : IGrainWithStringKey
{
    [Alias("follow")] Task<GraphOutcome> Follow(string targetId);
    [Alias("unfollow")] Task<GraphOutcome> Unfollow(string targetId);
    [Alias("block")] Task<GraphOutcome> Block(string targetId);
    [Alias("unblock")] Task<GraphOutcome> Unblock(string targetId);
    [Alias("mute")] Task<GraphOutcome> Mute(string targetId);
    [Alias("unmute")] Task<GraphOutcome> Unmute(string targetId);

    /// <summary>How this user stands towards <paramref name="otherId"/> (the viewer-relative flags of a User).</summary>
    [Alias("relation-to"), AlwaysInterleave] Task<RelationFlags> RelationTo(string otherId);

    [Alias("counts"), AlwaysInterleave] Task<GraphCounts> GetCounts();

    /// <summary>Accounts whose content this user must not see (blocked either way, or muted).</summary>
    [Alias("feed-filter"), AlwaysInterleave] Task<FeedFilter> GetFeedFilter();

    /// <summary>
    /// Who follows this user / whom they follow, as <paramref name="viewerId"/> may see it: a locked
    /// account's lists are for itself and its approved followers (FollowersOnly to others), a hidden
    /// account's for nobody else (NotFound).
    /// </summary>
    [Alias("followers")] Task<PeoplePage> GetFollowers(string? viewerId, string? cursor, int limit);
    [Alias("following")] Task<PeoplePage> GetFollowing(string? viewerId, string? cursor, int limit);

    // Told by the other side of an edge; never called by endpoints. They interleave, so that two
    // people following each other at the same moment never wait on each other.
    [Alias("follower-added"), AlwaysInterleave] Task FollowerAdded(string followerId);
    [Alias("follower-removed"), AlwaysInterleave] Task FollowerRemoved(string followerId);
    [Alias("blocked-by"), AlwaysInterleave] Task BlockedBy(string blockerId, bool blockerFollowedMe, bool iFollowedBlocker);
    [Alias("unblocked-by"), AlwaysInterleave] Task UnblockedBy(string blockerId);
    [Alias("posts-changed"), AlwaysInterleave] Task PostsChanged(int delta);

    // Follow requests to a locked account (API.md "Privacy and account control").
    [Alias("follow-requests")] Task<Page<UserProfile>> GetFollowRequests(string? cursor, int limit);
    [Alias("approve-follow-request")] Task<GraphOutcome> ApproveFollowRequest(string requesterId);
    [Alias("reject-follow-request")] Task<GraphOutcome> RejectFollowRequest(string requesterId);
    /// <summary>The account unlocked: everyone waiting becomes a follower.</summary>
    [Alias("approve-all-follow-requests")] Task ApproveAllFollowRequests();
    // Told by the other side; interleaved, as the two sides call each other.
    [Alias("follow-requested"), AlwaysInterleave] Task FollowRequested(string requesterId);
    [Alias("follow-approved"), AlwaysInterleave] Task FollowApproved(string targetId);

    /// <summary>Records a notification for this user unless they block or mute the actor.</summary>
    [Alias("notify")] Task Notify(NotificationRequest request);
    [Alias("notifications")] Task<Page<NotificationView>> GetNotifications(string? cursor, int limit);
    [Alias("mark-read")] Task MarkNotificationsRead(string upToId);
}

[GenerateSerializer, Alias("chitlaq.social.graph-outcome")]
public enum GraphOutcome
{
    Done = 0,
    NotFound = 1,
    Self = 2,
    Blocked = 3,
    /// <summary>The account is locked: a follow request waits for its approval.</summary>
    Requested = 4,
    /// <summary>What was asked for is a locked account's, for its approved followers only.</summary>
    FollowersOnly = 5,
}

[GenerateSerializer, Immutable, Alias("chitlaq.social.relation-flags")]
public sealed record RelationFlags(
    [property: Id(0)] bool IsFollowing,
    [property: Id(1)] bool FollowsYou,
    [property: Id(2)] bool IsBlocked,
    [property: Id(3)] bool IsMuted,
    [property: Id(4)] bool FollowRequested = false);

[GenerateSerializer, Immutable, Alias("chitlaq.social.counts")]
public sealed record GraphCounts([property: Id(0)] int Followers, [property: Id(1)] int Following, [property: Id(2)] int Posts);

/// <summary>
/// What a reader must not see: accounts (blocked either way, or muted) and, in the context a list
/// is read in, their personal keyword filters. Keywords apply only once a caller names the context
/// (<see cref="In"/>): a profile's posts or one post looked at directly are never keyword-filtered.
/// </summary>
[GenerateSerializer, Immutable, Alias("chitlaq.social.feed-filter")]
public sealed record FeedFilter(
    [property: Id(0)] IReadOnlySet<string> Hidden,
    [property: Id(1)] IReadOnlySet<string> BlockedEitherWay,
    [property: Id(2)] IReadOnlyList<KeywordFilter>? Keywords = null,
    [property: Id(3)] string? Context = null)
{
    public static readonly FeedFilter None = new(new HashSet<string>(), new HashSet<string>());

    public bool Hides(string userId) => Hidden.Contains(userId);

    /// <summary>For direct looks (a profile's posts, one post, replies): blocks hide, mutes do not.</summary>
    public FeedFilter BlocksOnly() => new(BlockedEitherWay, BlockedEitherWay, Keywords, Context);

    /// <summary>The same filter, with the keyword filters of one context (FilterContexts) switched on.</summary>
    public FeedFilter In(string context) => this with { Context = context };

    /// <summary>The keyword filters that apply to this read.</summary>
    public IReadOnlyList<KeywordFilter> KeywordsAt(DateTimeOffset now) =>
        Context is { } context && Keywords is { Count: > 0 } keywords ? keywords.Where(k => k.AppliesIn(context, now)).ToList() : [];
}

/// <summary>A page of people, or why the viewer may not see the list (<c>Page</c> is null then).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.social.people-page")]
public sealed record PeoplePage([property: Id(0)] GraphOutcome Outcome, [property: Id(1)] Page<UserProfile>? Page = null);

/// <summary>A page of a list: the items and the cursor of the next page (null at the end).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.page`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextCursor);
