using ChitLaq.Grains.Abstractions.RateLimits;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Grains;

/// <summary>A cluster-wide budget hands out shares to busy nodes without ever exceeding its limit.</summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class RateLimitGrainTests(InMemoryClusterFixture fixture)
{
    private static readonly RateLimitSpec HundredPerHour = RateLimitSpec.FixedWindow(100, TimeSpan.FromHours(1));

    private IRateLimitGrain Budget() => fixture.Grains.GetGrain<IRateLimitGrain>(IRateLimitGrain.Key("test", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task SharesAddUpToExactlyTheLimitAndShrinkToSinglePermitsNearTheEnd()
    {
        var budget = Budget();
        var shares = new List<int>();
        for (var grant = await budget.AcquireUpTo(HundredPerHour, 1, 64); grant.Permits > 0; grant = await budget.AcquireUpTo(HundredPerHour, 1, 64))
            shares.Add(grant.Permits);

        Assert.Equal(100, shares.Sum());
        Assert.True(shares[0] <= 100 / 8, "the first share is at most an eighth of the budget");
        Assert.Equal(1, shares[^1]);
        var refused = await budget.AcquireUpTo(HundredPerHour, 1, 64);
        Assert.Equal(0, refused.Permits);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task SingleAcquiresAndPeeksDrawFromTheSameBudget()
    {
        var budget = Budget();
        var three = RateLimitSpec.FixedWindow(3, TimeSpan.FromHours(1));
        Assert.True((await budget.Acquire(three, 2)).Granted);
        Assert.True((await budget.Peek(three)).Granted);
        Assert.Equal(1, (await budget.AcquireUpTo(three, 1, 64)).Permits);
        Assert.False((await budget.Peek(three)).Granted);
        Assert.False((await budget.Acquire(three, 1)).Granted);
    }

    [Fact]
    public async Task ATokenBucketRefillsOverTime()
    {
        var budget = Budget();
        var bucket = RateLimitSpec.TokenBucket(burst: 2, tokensPerPeriod: 1, period: TimeSpan.FromMilliseconds(200));
        Assert.True((await budget.Acquire(bucket, 2)).Granted);
        Assert.False((await budget.Acquire(bucket, 1)).Granted);
        await Eventually.Satisfies(async () => (await budget.Acquire(bucket, 1)).Granted, granted => granted, "a token is added back");
    }
}
