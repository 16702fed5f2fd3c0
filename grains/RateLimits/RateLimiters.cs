using System.Threading.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;

namespace ChitLaq.Grains.RateLimits;

/// <summary>How the budget grains turn a <see cref="RateLimitSpec"/> into a limiter and a refusal into a wait.</summary>
internal static class RateLimiters
{
    /// <summary>
    /// A limiter that does not replenish on a timer of its own: the grain replenishes it on each
    /// call, so an idle budget costs no timer and no work.
    /// </summary>
    public static ReplenishingRateLimiter Create(RateLimitSpec spec) => spec.Algorithm switch
    {
        RateLimitAlgorithm.TokenBucket => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = spec.PermitLimit,
            TokensPerPeriod = Math.Max(1, spec.TokensPerPeriod),
            ReplenishmentPeriod = spec.Window,
            QueueLimit = 0,
            AutoReplenishment = false,
        }),
        _ => new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = spec.PermitLimit,
            Window = spec.Window,
            QueueLimit = 0,
            AutoReplenishment = false,
        }),
    };

    public static long Available(RateLimiter limiter) => limiter.GetStatistics()?.CurrentAvailablePermits ?? -1;

    public static RateLimitDecision Refused(RateLimitLease lease, RateLimitSpec spec) =>
        new(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : RetryAfterFor(spec));

    // Without the limiter's own estimate: at worst a whole window (fixed) or one period (bucket).
    public static TimeSpan RetryAfterFor(RateLimitSpec spec) => spec.Window;

    /// <summary>Counts permits already used: takes as many of them as the limiter holds (it cannot go below empty).</summary>
    public static void Spend(RateLimiter limiter, int permits)
    {
        if (permits <= 0) return;
        var available = (int)Math.Clamp(Available(limiter), 0, int.MaxValue);
        var take = Math.Min(permits, available);
        if (take > 0) limiter.AttemptAcquire(take).Dispose();
    }
}
