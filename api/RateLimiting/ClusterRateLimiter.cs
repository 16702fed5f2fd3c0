using System.Diagnostics;
using System.Threading.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;

namespace ChitLaq.Api.RateLimiting;

/// <summary>
/// A <see cref="RateLimiter"/> whose permits come from the actor's <see cref="IRateLimitGrain"/>,
/// so one budget holds across every node. A busy actor's node takes a share of permits at a time
/// (about a quarter second of its recent rate, at most <see cref="MaxShare"/>) and spends them
/// synchronously, so the grain is asked about once per share instead of once per request; an
/// actor making a request now and then asks for one permit each time, so nothing is held back
/// from their other nodes. A share not spent within <see cref="ShareLifetime"/> is dropped. If
/// the grain cannot be reached (a node is leaving) the request is let through: a limit is
/// protection, and must not turn a brief cluster change into an outage.
/// </summary>
public sealed class ClusterRateLimiter(IGrainFactory grains, string key, RateLimitSpec spec, ILogger logger) : RateLimiter
{
    private const int MaxShare = 64;
    private static readonly long ShareLifetime = Stopwatch.Frequency;          // 1 s
    private static readonly long RateBucket = Stopwatch.Frequency;             // rates are counted per second
    private static readonly RateLimitLease Undecided = new Lease(false, null);
    private static readonly RateLimitLease Granted = new Lease(true, null);

    private readonly Lock _gate = new();
    private int _share;
    private long _shareExpires;
    private long _bucketStart = Stopwatch.GetTimestamp();
    private int _thisSecond, _lastSecond;
    private long _lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>Spends from this node's share; without one the middleware takes the asynchronous path.</summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            Count(now, permitCount);
            if (_share < permitCount || now >= _shareExpires) return Undecided;
            _share -= permitCount;
            return Granted;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        int wanted;
        lock (_gate) wanted = Math.Clamp(Math.Max(_lastSecond, _thisSecond) / 4, permitCount, Math.Max(permitCount, MaxShare));
        RateLimitGrant grant;
        try
        {
            grant = await grains.GetGrain<IRateLimitGrain>(key).AcquireUpTo(spec, permitCount, wanted);
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate limit budget {Key} unreachable; letting the request through", key);
            return Granted;
        }
        if (grant.Permits < permitCount) return new Lease(false, grant.RetryAfter > TimeSpan.Zero ? grant.RetryAfter : TimeSpan.FromSeconds(1));
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _share = (now < _shareExpires ? _share : 0) + grant.Permits - permitCount;
            _shareExpires = now + ShareLifetime;
        }
        return Granted;
    }

    /// <summary>Requests this node saw for the actor, per second (the size of the next share).</summary>
    private void Count(long now, int permits)
    {
        _lastUsed = now;
        if (now - _bucketStart >= RateBucket)
        {
            _lastSecond = now - _bucketStart >= 2 * RateBucket ? 0 : _thisSecond;
            _thisSecond = 0;
            _bucketStart = now;
        }
        _thisSecond += permits;
    }

    /// <summary>One grain call for one permit (messages, sign-in failures); granted when the budget's node cannot be reached.</summary>
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
