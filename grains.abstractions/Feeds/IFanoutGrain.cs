using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Feeds;

/// <summary>
/// Pushes a new post or repost onto the timelines of the author's recently active followers (and
/// takes deleted ones off again), in parallel batches, after the author already has their answer.
/// A stateless worker, so fan-outs run on every silo at once.
/// </summary>
[Alias("chitlaq.feeds.fanout")]
public interface IFanoutGrain : IGrainWithIntegerKey
{
    /// <summary>To the author's active followers; with <paramref name="onlyUniversity"/>, only those of that university (a campus post).</summary>
    [Alias("push"), OneWay] Task Push(TimelineEntry entry, string? onlyUniversity = null);
    [Alias("retract"), OneWay] Task Retract(string authorId, string postId);
}
