using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Accounts;

namespace ChitLaq.Grains.Posts;

/// <summary>
/// Turns post ids into what a reader sees: the posts (from their hot grains), their authors,
/// the embedded originals of reposts, and "did I like / repost it" — dropping deleted posts and
/// anything by accounts the reader's filter hides or a moderator suspended, anything the reader
/// may not see (<see cref="PostAudienceCheck"/>: locked accounts, campus and followers-only posts),
/// and applying the reader's keyword filters of the context the list is read in.
/// </summary>
public sealed class PostHydrator(IGrainFactory grains, PostStore posts, ProfileCache profileCache, TimeProvider clock)
{
    public async Task<List<PostView>> HydrateAsync(IReadOnlyList<string> postIds, string? viewerId, FeedFilter filter)
    {
        if (postIds.Count == 0) return [];
        var snapshots = (await Task.WhenAll(postIds.Select(id => grains.GetGrain<IPostGrain>(id).GetSnapshot())))
            .OfType<PostSnapshot>().Where(s => !filter.Hides(s.AuthorId)).ToList();

        var originalIds = snapshots.Select(s => s.RepostOfId).OfType<string>().Distinct().ToArray();
        var originals = (await Task.WhenAll(originalIds.Select(id => grains.GetGrain<IPostGrain>(id).GetSnapshot())))
            .OfType<PostSnapshot>().Where(s => !filter.Hides(s.AuthorId)).ToDictionary(s => s.Id);
        // A repost whose original is gone (deleted, or by someone hidden) has nothing to show.
        snapshots.RemoveAll(s => s.RepostOfId is { } original && !originals.ContainsKey(original));

        // Restricted replies are seen only by those who may see what they answer: their parents are checked too.
        var parentIds = snapshots.Where(s => s.ReplyToId is not null && s.Audience != Audiences.Public).Select(s => s.ReplyToId!).Distinct().ToArray();
        var parents = (await Task.WhenAll(parentIds.Select(id => grains.GetGrain<IPostGrain>(id).GetSnapshot()))).OfType<PostSnapshot>().ToDictionary(s => s.Id);

        var authorIds = snapshots.Select(s => s.AuthorId).Concat(originals.Values.Select(o => o.AuthorId)).Concat(parents.Values.Select(p => p.AuthorId)).Distinct().ToArray();
        // A suspended or banned author's posts are hidden while it lasts.
        var profiles = (await Task.WhenAll(authorIds.Select(profileCache.Get))).OfType<UserProfile>().Where(p => !p.Hidden).ToDictionary(p => p.Id);

        var viewer = viewerId is null ? null : await profileCache.Get(viewerId);
        var involved = snapshots.Concat(originals.Values).Concat(parents.Values).Where(s => profiles.ContainsKey(s.AuthorId)).Select(s => (s, profiles[s.AuthorId]));
        var audience = await PostAudienceCheck.ForAsync(viewerId, viewer, involved, posts);
        bool MaySee(PostSnapshot s) => profiles.TryGetValue(s.AuthorId, out var author) && audience.MaySee(s, author);
        foreach (var hidden in originals.Values.Where(o => !MaySee(o)).ToList()) originals.Remove(hidden.Id);
        snapshots.RemoveAll(s => !MaySee(s) || (s.RepostOfId is { } original && !originals.ContainsKey(original))
                                 || (s.ReplyToId is { } parent && s.Audience != Audiences.Public && !(parents.TryGetValue(parent, out var p) && MaySee(p))));

        var visibleIds = snapshots.Select(s => s.Id).Concat(originals.Keys).Distinct().ToArray();
        var (liked, reposted, bookmarked) = viewerId is null ? ([], [], []) : await posts.ReaderMarksAsync(viewerId, visibleIds);

        PostView? View(PostSnapshot s, PostView? original) =>
            profiles.TryGetValue(s.AuthorId, out var author)
                ? new PostView(s.Id, author, s.Text, s.Hashtags, s.Mentions, s.MediaIds, s.ReplyToId, s.RepostOfId, original,
                    s.CreatedAt, s.EditedAt, s.LikeCount, s.ReplyCount, s.RepostCount, liked.Contains(s.Id), reposted.Contains(s.Id), s.Media,
                    Audience: s.Audience, BookmarkedByMe: bookmarked.Contains(s.Id))
                : null;

        var views = new List<PostView>(snapshots.Count);
        foreach (var snapshot in snapshots)
        {
            var original = snapshot.RepostOfId is { } id ? View(originals[id], null) : null;
            if (snapshot.RepostOfId is not null && original is null) continue;
            if (View(snapshot, original) is { } view) views.Add(view);
        }
        return Filters.KeywordScreen.Apply(views, filter.KeywordsAt(clock.GetUtcNow()));
    }
}
