using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Posts;

/// <summary>Paged lists read straight from indexed tables: a user's posts (newest first), a post's replies (oldest first).</summary>
[StatelessWorker]
[GrainType("post-lists")]
public sealed class PostListsGrain(PostStore store, PostHydrator hydrator) : Grain, IPostListsGrain
{
    public async Task<Page<PostView>> ByAuthor(string authorId, string? viewerId, string? cursor, int limit)
    {
        var filter = await FilterOf(viewerId);
        if (filter.BlockedEitherWay.Contains(authorId)) return new Page<PostView>([], null);
        var ids = await store.ByAuthorAsync(authorId, ValidId(cursor), limit + 1);
        return await PageOf(ids, viewerId, filter, limit);
    }

    public async Task<Page<PostView>> Replies(string postId, string? viewerId, string? cursor, int limit)
    {
        var ids = await store.RepliesAsync(postId, ValidId(cursor), limit + 1);
        return await PageOf(ids, viewerId, (await FilterOf(viewerId)).In(FilterContexts.Threads), limit);
    }

    private async Task<Page<PostView>> PageOf(List<string> ids, string? viewerId, FeedFilter filter, int limit)
    {
        var page = ids.Take(limit).ToList();
        var views = await hydrator.HydrateAsync(page, viewerId, filter);
        return new Page<PostView>(views, ids.Count > limit ? Cursors.Encode(page[^1]) : null);
    }

    private async Task<FeedFilter> FilterOf(string? viewerId) =>
        viewerId is null ? FeedFilter.None : (await GrainFactory.GetGrain<IUserGraphGrain>(viewerId).GetFeedFilter()).BlocksOnly();

    private static string? ValidId(string? cursor) => Cursors.Decode(cursor) is { } id && PostIds.IsWellFormed(id) ? id : null;
}
