using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;

namespace ChitLaq.Grains.Posts;

/// <summary>
/// A student's bookmarks. Only a post the student may see can be bookmarked (others are not there:
/// not found); the list is read through the hydrator, so a post that was deleted, or that the
/// student may no longer see (its author locked the account, blocked them), drops out of it.
/// </summary>
[GrainType("bookmarks")]
public sealed class BookmarksGrain(PostStore store, PostHydrator hydrator, TimeProvider clock) : Grain, IBookmarksGrain
{
    private string Me => this.GetPrimaryKeyString();

    public async Task<PostOutcome> Add(string postId)
    {
        if (!PostIds.IsWellFormed(postId) || await GrainFactory.GetGrain<IPostGrain>(postId).GetView(Me) is not { } post) return PostOutcome.NotFound;
        // A repost is bookmarked as what it shows.
        await store.BookmarkAsync(Me, post.RepostOfId ?? post.Id, clock.GetUtcNow(), add: true);
        return PostOutcome.Done;
    }

    public async Task<PostOutcome> Remove(string postId)
    {
        if (!PostIds.IsWellFormed(postId)) return PostOutcome.NotFound;
        await store.BookmarkAsync(Me, postId, clock.GetUtcNow(), add: false);
        return PostOutcome.Done;
    }

    public async Task<Page<PostView>> List(string? cursor, int limit)
    {
        var (ids, next) = await store.BookmarksAsync(Me, Cursors.DecodeTimeAndId(cursor), limit);
        var filter = (await GrainFactory.GetGrain<IUserGraphGrain>(Me).GetFeedFilter()).BlocksOnly();
        var posts = await hydrator.HydrateAsync(ids, Me, filter);
        return new Page<PostView>(posts, next is { } position ? Cursors.EncodeTimeAndId(position.Item1, position.Item2) : null);
    }
}
