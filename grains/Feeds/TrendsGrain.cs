using ChitLaq.Grains.Abstractions.Feeds;
using ChitLaq.Grains.Posts;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// Trends of one scope, updated per event with exponentially decaying scores: a hashtag scores
/// by the distinct accounts using it (an account counts once per tag per day), a post by likes
/// and reposts. Derived data: on activation it replays the last <see cref="FeedOptions.TrendWindow"/>
/// of posts from the table (one bounded range read), then lives on events. Bounded in memory.
/// </summary>
[GrainType("trends")]
public sealed class TrendsGrain(TrendStore store, IOptions<FeedOptions> options, TimeProvider clock) : Grain, ITrendsGrain
{
    private const int MaxTags = 2_000;
    private const int MaxPosts = 1_000;
    private static readonly TimeSpan AccountRecountAfter = TimeSpan.FromDays(1);

    private sealed class TagStats
    {
        public DecayingScore Score;
        public int PostCount;
        public Dictionary<string, DateTimeOffset> RecentAccounts = new(StringComparer.Ordinal);
    }

    private sealed class PostStats
    {
        public required string AuthorId;
        public required string[] Tags;
        public DecayingScore Score;
    }

    private readonly Dictionary<string, TagStats> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PostStats> _posts = new(StringComparer.Ordinal);

    private TimeSpan HalfLife => options.Value.TrendHalfLife;
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var university = TrendScopes.UniversityOf(this.GetPrimaryKeyString());
        foreach (var post in await store.RecentAsync(PostIds.LowerBound(Now - options.Value.TrendWindow), university))
        {
            Created(new TrendPost(post.PostId, post.AuthorId, post.Hashtags, post.CreatedAt));
            if (post.Engagement > 0) _posts[post.PostId].Score.Add(post.Engagement, post.CreatedAt, HalfLife);
        }
    }

    public Task PostCreated(TrendPost post)
    {
        Created(post);
        Prune();
        return Task.CompletedTask;
    }

    public Task PostEngaged(string postId, string actorId, double weight)
    {
        if (_posts.TryGetValue(postId, out var stats) && actorId != stats.AuthorId) stats.Score.Add(weight, Now, HalfLife);
        return Task.CompletedTask;
    }

    public Task PostDeleted(string postId)
    {
        if (_posts.Remove(postId, out var stats))
            foreach (var tag in stats.Tags)
                if (_tags.TryGetValue(tag, out var tagStats)) tagStats.PostCount = Math.Max(0, tagStats.PostCount - 1);
        return Task.CompletedTask;
    }

    public Task<TrendSnapshot> GetTop(int hashtags, int posts)
    {
        var now = Now;
        var topTags = _tags
            .Where(pair => pair.Value.PostCount > 0)
            .Select(pair => new HashtagTrend(pair.Key, Math.Round(pair.Value.Score.ValueAt(now, HalfLife), 4), pair.Value.PostCount))
            .Where(t => t.Score > 0)
            .OrderByDescending(t => t.Score).ThenByDescending(t => t.PostCount).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(hashtags).ToList();
        var topPosts = _posts
            .Select(pair => (pair.Key, pair.Value.AuthorId, Score: pair.Value.Score.ValueAt(now, HalfLife)))
            .OrderByDescending(p => p.Score).ThenByDescending(p => p.Key, StringComparer.Ordinal)
            .Take(posts).ToList();
        return Task.FromResult(new TrendSnapshot(topTags, topPosts));
    }

    private void Created(TrendPost post)
    {
        if (_posts.ContainsKey(post.PostId)) return;
        _posts[post.PostId] = new PostStats { AuthorId = post.AuthorId, Tags = post.Hashtags.ToArray() };
        // A fresh post starts with a small score so new posts can surface before anyone reacts.
        _posts[post.PostId].Score.Add(0.5, post.CreatedAt, HalfLife);
        foreach (var tag in post.Hashtags)
        {
            if (!_tags.TryGetValue(tag, out var stats)) _tags[tag] = stats = new TagStats();
            stats.PostCount++;
            var counts = !stats.RecentAccounts.TryGetValue(post.AuthorId, out var last) || post.CreatedAt - last >= AccountRecountAfter;
            if (counts)
            {
                stats.RecentAccounts[post.AuthorId] = post.CreatedAt;
                stats.Score.Add(1, post.CreatedAt, HalfLife);
            }
        }
    }

    /// <summary>Keeps memory bounded: drops the lowest-scoring tags and posts past the caps.</summary>
    private void Prune()
    {
        var now = Now;
        if (_posts.Count > MaxPosts)
            foreach (var id in _posts.OrderBy(p => p.Value.Score.ValueAt(now, HalfLife)).Take(_posts.Count - MaxPosts).Select(p => p.Key).ToList())
                _posts.Remove(id);
        if (_tags.Count > MaxTags)
            foreach (var tag in _tags.OrderBy(t => t.Value.Score.ValueAt(now, HalfLife)).Take(_tags.Count - MaxTags).Select(t => t.Key).ToList())
                _tags.Remove(tag);
        foreach (var stats in _tags.Values.Where(t => t.RecentAccounts.Count > 5_000))
            foreach (var old in stats.RecentAccounts.Where(a => now - a.Value > AccountRecountAfter).Select(a => a.Key).ToList())
                stats.RecentAccounts.Remove(old);
    }
}
