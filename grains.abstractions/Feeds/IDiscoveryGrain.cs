using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;

namespace ChitLaq.Grains.Abstractions.Feeds;

/// <summary>
/// Activity-ranked hashtags and posts of one scope (key: "global" or "campus:&lt;university&gt;"),
/// kept up to date event by event with exponential decay; never computed by scanning per request.
/// </summary>
[Alias("chitlaq.feeds.trends")]
public interface ITrendsGrain : IGrainWithStringKey
{
    [Alias("post-created"), Orleans.Concurrency.OneWay] Task PostCreated(TrendPost post);
    [Alias("post-engaged"), Orleans.Concurrency.OneWay] Task PostEngaged(string postId, string actorId, double weight);
    [Alias("post-deleted"), Orleans.Concurrency.OneWay] Task PostDeleted(string postId);
    [Alias("top")] Task<TrendSnapshot> GetTop(int hashtags, int posts);
}

[GenerateSerializer, Immutable, Alias("chitlaq.feeds.trend-post")]
public sealed record TrendPost(
    [property: Id(0)] string PostId,
    [property: Id(1)] string AuthorId,
    [property: Id(2)] IReadOnlyList<string> Hashtags,
    [property: Id(3)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("chitlaq.feeds.hashtag-trend")]
public sealed record HashtagTrend(
    [property: Id(0)] string Tag,
    [property: Id(1)] double Score,
    [property: Id(2)] int PostCount);

[GenerateSerializer, Immutable, Alias("chitlaq.feeds.trend-snapshot")]
public sealed record TrendSnapshot(
    [property: Id(0)] IReadOnlyList<HashtagTrend> Hashtags,
    [property: Id(1)] IReadOnlyList<(string PostId, string AuthorId, double Score)> Posts);

/// <summary>Per-viewer discovery (key: viewer id): explore, trending as the viewer may see it, recommendations.</summary>
[Alias("chitlaq.feeds.discovery")]
public interface IDiscoveryGrain : IGrainWithStringKey
{
    [Alias("explore")] Task<Page<PostView>> Explore(string? cursor, int limit);
    [Alias("trending")] Task<TrendingView> Trending(bool campus);
    [Alias("recommendations")] Task<RecommendationsView> Recommendations();
}

[GenerateSerializer, Immutable, Alias("chitlaq.feeds.trending-view")]
public sealed record TrendingView(
    [property: Id(0)] IReadOnlyList<HashtagTrend> Hashtags,
    [property: Id(1)] IReadOnlyList<PostView> Posts);

[GenerateSerializer, Immutable, Alias("chitlaq.feeds.suggested-user")]
public sealed record SuggestedUser([property: Id(0)] UserProfile User, [property: Id(1)] string Reason);

[GenerateSerializer, Immutable, Alias("chitlaq.feeds.recommendations-view")]
public sealed record RecommendationsView(
    [property: Id(0)] IReadOnlyList<SuggestedUser> Users,
    [property: Id(1)] IReadOnlyList<PostView> Posts);
