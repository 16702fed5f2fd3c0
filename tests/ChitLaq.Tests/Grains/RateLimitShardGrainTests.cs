using ChitLaq.Grains.Abstractions.RateLimits;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Grains;

/// <summary>
/// A shard holds the budgets of many actors of one policy: what nodes report they spent is counted
/// per actor, and what is left decides the next acquire.
/// </summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class RateLimitShardGrainTests(InMemoryClusterFixture fixture)
{
    private static readonly RateLimitSpec TenPerHour = RateLimitSpec.FixedWindow(10, TimeSpan.FromHours(1));

    private IRateLimitShardGrain Shard() => fixture.Grains.GetGrain<IRateLimitShardGrain>("test/" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ReportedSpendingIsCountedPerActorAndDecidesTheNextAcquire()
    {
        var shard = Shard();
        var left = await shard.Debit(TenPerHour, ["ada", "bo"], [7, 2]);
        Assert.Equal(new[] { 3L, 8L }, left);

        // ada's node reports one more it let through and asks for one: 10 − 8 − 1 = 1 left.
        var granted = await shard.Acquire(TenPerHour, "ada", spent: 1, permits: 1);
        Assert.True(granted.Granted);
        Assert.Equal(1, granted.Remaining);
        Assert.True((await shard.Acquire(TenPerHour, "ada", 0, 1)).Granted);
        var refused = await shard.Acquire(TenPerHour, "ada", 0, 1);
        Assert.False(refused.Granted);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

        // bo's budget is his own.
        Assert.True((await shard.Acquire(TenPerHour, "bo", 0, 1)).Granted);
    }

    [Fact]
    public async Task SpendingPastTheLimitLeavesNothingRatherThanFailing()
    {
        var shard = Shard();
        var left = await shard.Debit(TenPerHour, ["cy"], [25]);
        Assert.Equal(new[] { 0L }, left);
        Assert.False((await shard.Acquire(TenPerHour, "cy", 0, 1)).Granted);
    }

    [Fact]
    public async Task ATokenBucketRefillsAfterReportedSpending()
    {
        var shard = Shard();
        var bucket = RateLimitSpec.TokenBucket(burst: 3, tokensPerPeriod: 1, period: TimeSpan.FromMilliseconds(200));
        var left = await shard.Debit(bucket, ["di"], [3]);
        Assert.Equal(new[] { 0L }, left);
        await Eventually.Satisfies(async () => (await shard.Acquire(bucket, "di", 0, 1)).Granted, granted => granted, "a token is added back");
    }

    [Fact]
    public async Task EveryNodePicksTheSameShardForAnActorAndActorsSpreadOverAllShards()
    {
        // FNV-1a of "ada": fixed by the algorithm, not by the process (string.GetHashCode is randomised).
        Assert.Equal((int)(FnvOf("ada") % IRateLimitShardGrain.Shards), IRateLimitShardGrain.ShardOf("ada"));
        var shards = Enumerable.Range(0, 5000).Select(i => IRateLimitShardGrain.ShardOf(Guid.NewGuid().ToString("N"))).ToList();
        Assert.All(shards, s => Assert.InRange(s, 0, IRateLimitShardGrain.Shards - 1));
        Assert.Equal(IRateLimitShardGrain.Shards, shards.Distinct().Count());
        Assert.True(shards.GroupBy(s => s).Max(g => g.Count()) < 3 * 5000 / IRateLimitShardGrain.Shards, "no shard takes a large part of the actors");
    }

    private static uint FnvOf(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text) hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
