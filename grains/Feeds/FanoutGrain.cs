using ChitLaq.Grains.Abstractions.Feeds;
using ChitLaq.Grains.Posts;
using ChitLaq.Grains.Social;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// Fan-out on write. Pushes go only to followers who read a feed recently (the others rebuild
/// from the tables when they return), never for big accounts (merged at read time), and in
/// parallel batches so one post reaches thousands of timelines quickly.
/// </summary>
[StatelessWorker]
[GrainType("fanout")]
public sealed class FanoutGrain(GraphStore graph, PostStore posts, IUserEvents events, ChitLaqMetrics metrics, IOptions<FeedOptions> options, TimeProvider clock)
    : Grain, IFanoutGrain
{
    public async Task Push(TimelineEntry entry, string? onlyUniversity = null)
    {
        // Pushing stops only once every reader's cached big-followee list has caught up (twice its refresh).
        if (await posts.IsBigAsync(entry.AuthorId, clock.GetUtcNow() - 2 * options.Value.BigFolloweesRefresh)) return;
        var started = clock.GetTimestamp();
        var followers = await graph.ActiveFollowersAsync(entry.AuthorId, clock.GetUtcNow() - options.Value.InactiveAfter, onlyUniversity);
        await ForEach(followers, async follower =>
        {
            await GrainFactory.GetGrain<ITimelineGrain>(follower).Add(entry);
            await events.FeedAsync(follower, entry.PostId);
        });
        metrics.FanoutPushes.Add(followers.Count);
        metrics.FanoutDuration.Record(clock.GetElapsedTime(started).TotalSeconds);
    }

    public async Task Retract(string authorId, string postId)
    {
        var followers = await graph.ActiveFollowersAsync(authorId, clock.GetUtcNow() - options.Value.InactiveAfter);
        await ForEach(followers, follower => GrainFactory.GetGrain<ITimelineGrain>(follower).Remove(postId));
    }

    /// <summary>Batches of calls in flight at once, so a 10,000-follower fan-out neither crawls nor floods.</summary>
    private async Task ForEach(List<string> followers, Func<string, Task> action)
    {
        foreach (var batch in followers.Chunk(options.Value.FanoutParallelism))
            await Task.WhenAll(batch.Select(action));
    }
}
