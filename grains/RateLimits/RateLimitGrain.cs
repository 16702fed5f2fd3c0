using System.Threading.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;
using Orleans.Placement;

namespace ChitLaq.Grains.RateLimits;

/// <summary>
/// A cluster-wide budget: a System.Threading.RateLimiting limiter held by one activation.
/// Placed on the node that first asks (most of an actor's requests arrive where the first did,
/// so the check is usually a local call). Not persisted, on purpose: see <see cref="IRateLimitGrain"/>.
/// The limiter does not replenish on a timer of its own; each call replenishes it first, so an
/// idle budget costs no timer and no work.
/// </summary>
[PreferLocalPlacement]
[GrainType("rate-limit")]
public sealed class RateLimitGrain : Grain, IRateLimitGrain
{
    private RateLimitSpec? _spec;
    private ReplenishingRateLimiter? _limiter;

    public Task<RateLimitDecision> Acquire(RateLimitSpec spec, int permits)
    {
        var limiter = LimiterFor(spec);
        using var lease = limiter.AttemptAcquire(permits);
        return Task.FromResult(lease.IsAcquired
            ? new RateLimitDecision(true, TimeSpan.Zero, limiter.GetStatistics()?.CurrentAvailablePermits ?? -1)
            : RateLimiters.Refused(lease, spec));
    }

    public Task<RateLimitGrant> AcquireUpTo(RateLimitSpec spec, int minimum, int wanted)
    {
        var limiter = LimiterFor(spec);
        var available = (int)Math.Min(int.MaxValue, limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);
        var share = Math.Clamp(Math.Min(wanted, available / 8), minimum, Math.Max(minimum, wanted));
        using var lease = limiter.AttemptAcquire(share);
        return Task.FromResult(lease.IsAcquired
            ? new RateLimitGrant(share, TimeSpan.Zero)
            : new RateLimitGrant(0, RateLimiters.Refused(lease, spec).RetryAfter));
    }

    public Task<RateLimitDecision> Peek(RateLimitSpec spec)
    {
        var available = LimiterFor(spec).GetStatistics()?.CurrentAvailablePermits ?? 0;
        return Task.FromResult(available > 0 ? RateLimitDecision.Allowed : new RateLimitDecision(false, RateLimiters.RetryAfterFor(spec)));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _limiter?.Dispose();
        return Task.CompletedTask;
    }

    private ReplenishingRateLimiter LimiterFor(RateLimitSpec spec)
    {
        if (_limiter is null || _spec != spec)
        {
            // A node with another configuration (mid-rollout) starts the budget afresh rather than
            // mixing two shapes in one count.
            _limiter?.Dispose();
            _limiter = RateLimiters.Create(spec);
            _spec = spec;
        }
        _limiter.TryReplenish();
        return _limiter;
    }
}
