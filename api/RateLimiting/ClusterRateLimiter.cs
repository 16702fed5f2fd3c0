using System.Diagnostics;
using System.Threading.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;

namespace ChitLaq.Api.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> whose permits come from the actor's <see cref="IRateLimitGrain"/>,
/// so one budget holds across every node. It cannot decide synchronously: its synchronous attempt
/// always fails, which makes ASP.NET Core's rate-limiting middleware take its asynchronous path
/// (the grain call). If the grain cannot be reached (a node is leaving) the request is let
/// through: a limit is protection, and must not turn a brief cluster change into an outage.
/// </summary>
public sealed class ClusterRateLimiter(IGrainFactory grains, string key, RateLimitSpec spec, ILogger logger) : RateLimiter
{
    private static readonly RateLimitLease Undecided = new Lease(false, null);
    private static readonly RateLimitLease Granted = new Lease(true, null);
    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Undecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastUsed, Stopwatch.GetTimestamp());
        var decision = await DecideAsync(grains, key, spec, permitCount, logger);
        return decision.Granted ? Granted : new Lease(false, decision.RetryAfter);
    }

    /// <summary>One grain call; granted when the budget's node cannot be reached (see the class remarks).</summary>
    public static async Task<RateLimitDecision> DecideAsync(IGrainFactory grains, string key, RateLimitSpec spec, int permits, ILogger logger)
    {
        try
        {
            return await grains.GetGrain<IRateLimitGrain>(key).Acquire(spec, permits);
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate limit budget {Key} unreachable; letting the request through", key);
            return RateLimitDecision.Allowed;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
