using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;

namespace ChitLaq.Grains.Abstractions.Feeds;

/// <summary>
/// One user's home timeline (key: user id): a bounded window of the newest posts and reposts of
/// the accounts they follow and their own, filled by fan-out on write and rebuilt from the tables
/// when the grain is (re)activated.
/// </summary>
[Alias("chitlaq.feeds.timeline")]
public interface ITimelineGrain : IGrainWithStringKey
{
    [Alias("page")] Task<Page<PostView>> GetPage(string? cursor, int limit);

    [Alias("add")] Task Add(TimelineEntry entry);
    [Alias("remove")] Task Remove(string postId);
    [Alias("followee-added")] Task FolloweeAdded(string followeeId);
    [Alias("followee-removed")] Task FolloweeRemoved(string followeeId);
    [Alias("filter-changed")] Task FilterChanged();
}

/// <summary>A post (or repost) on a timeline; <c>PostId</c> sorts by creation time.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.feeds.entry")]
public sealed record TimelineEntry(
    [property: Id(0)] string PostId,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] string? OriginalAuthorId);
