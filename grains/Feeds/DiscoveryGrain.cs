using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Feeds;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Posts;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// Discovery for one viewer: explore (popular recent posts from accounts they do not follow, their
/// campus boosted), trending as they may see it, and recommendations. Rankings come from the trend
/// grains; the viewer's own lists are cached here for a few minutes, so requests never scan tables.
/// </summary>
[GrainType("discovery")]
public sealed class DiscoveryGrain(DiscoveryStore store, PostHydrator hydrator, TimeProvider clock) : Grain, IDiscoveryGrain
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private const double CampusBoost = 2.0;

    private (DateTimeOffset At, List<string> PostIds)? _explore;
    private (DateTimeOffset At, RecommendationsView View)? _recommendations;

    private string Viewer => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<Page<PostView>> Explore(string? cursor, int limit)
    {
        var position = Cursors.DecodeTimeAndId(cursor);
        // A cursor belongs to one ranking snapshot; paging within it never repeats or skips.
        if (_explore is null || Now - _explore.Value.At > CacheFor || (position is { } p && p.At != _explore.Value.At))
            _explore = (position?.At ?? Now, await RankExplore());
        var offset = position is { } pos && int.TryParse(pos.Id, out var o) && pos.At == _explore.Value.At ? o : 0;

        var filter = await Filter();
        var ids = _explore.Value.PostIds.Skip(offset).Take(limit).ToList();
        var views = await hydrator.HydrateAsync(ids, Viewer, filter);
        var nextOffset = offset + ids.Count;
        return new Page<PostView>(views, nextOffset < _explore.Value.PostIds.Count ? Cursors.EncodeTimeAndId(_explore.Value.At, nextOffset.ToString()) : null);
    }

    public async Task<TrendingView> Trending(bool campus)
    {
        var scope = campus && await Profile() is { } me ? TrendScopes.Campus(me.University) : TrendScopes.Global;
        var top = await GrainFactory.GetGrain<ITrendsGrain>(scope).GetTop(10, 40);
        var filter = await Filter();
        var posts = await hydrator.HydrateAsync(top.Posts.Where(p => !filter.Hides(p.AuthorId)).Select(p => p.PostId).Take(20).ToList(), Viewer, filter);
        return new TrendingView(top.Hashtags, posts);
    }

    public async Task<RecommendationsView> Recommendations()
    {
        var filter = await Filter();
        // The ranking is cached; keyword filters are applied on every read, so a new one works at once.
        if (_recommendations is not { } cached || Now - cached.At >= CacheFor)
            _recommendations = cached = (Now, await RankRecommendations(filter with { Context = null }));
        return cached.View with { Posts = Filters.KeywordScreen.Apply(cached.View.Posts, filter.KeywordsAt(Now)) };
    }

    private async Task<RecommendationsView> RankRecommendations(FeedFilter filter)
    {
        var me = await Profile();
        var suggestions = new List<(string Id, string Reason)>();
        foreach (var (id, mutuals) in await store.FriendsOfFriendsAsync(Viewer))
            suggestions.Add((id, mutuals == 1 ? "Followed by someone you follow" : $"Followed by {mutuals} people you follow"));
        if (me is not null)
            foreach (var (id, sameMajor) in await store.SameCampusAsync(Viewer, me.University, me.Major))
                suggestions.Add((id, sameMajor == 1 ? $"Studies {me.Major} at {me.University}" : $"At {me.University}"));

        var picked = suggestions.Where(s => !filter.Hides(s.Id)).DistinctBy(s => s.Id).Take(20).ToList();
        var profiles = await Task.WhenAll(picked.Select(s => GrainFactory.GetGrain<IUserGrain>(s.Id).GetProfile()));
        var users = picked.Zip(profiles).Where(pair => pair.Second is { Hidden: false })
            .Select(pair => new SuggestedUser(pair.Second!, pair.First.Reason)).ToList();

        var liked = await store.LikedByFollowingAsync(Viewer, Now - TimeSpan.FromDays(3));
        var posts = await hydrator.HydrateAsync(liked.Select(l => l.Id).ToList(), Viewer, filter);
        return new RecommendationsView(users, posts.Where(p => p.Author.Id != Viewer).ToList());
    }

    private async Task<List<string>> RankExplore()
    {
        var me = await Profile();
        var following = (await store.FollowingAsync(Viewer)).Select(f => f.Id).ToHashSet();
        var global = await GrainFactory.GetGrain<ITrendsGrain>(TrendScopes.Global).GetTop(0, 300);
        var campus = me is null ? null : await GrainFactory.GetGrain<ITrendsGrain>(TrendScopes.Campus(me.University)).GetTop(0, 300);
        var campusIds = campus?.Posts.Select(p => p.PostId).ToHashSet() ?? [];
        return global.Posts.Concat(campus?.Posts ?? [])
            .Where(p => p.AuthorId != Viewer && !following.Contains(p.AuthorId))
            .DistinctBy(p => p.PostId)
            .OrderByDescending(p => p.Score * (campusIds.Contains(p.PostId) ? CampusBoost : 1))
            .Select(p => p.PostId).ToList();
    }

    private Task<UserProfile?> Profile() => GrainFactory.GetGrain<IUserGrain>(Viewer).GetProfile();

    /// <summary>Everything discovery shows (explore, trending, recommendations) is the explore context of keyword filters.</summary>
    private async Task<FeedFilter> Filter() => (await GrainFactory.GetGrain<IUserGraphGrain>(Viewer).GetFeedFilter()).In(FilterContexts.Explore);
}
