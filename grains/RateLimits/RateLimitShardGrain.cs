using System.Threading.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;
using Orleans.Placement;

namespace ChitLaq.Grains.RateLimits;

/// <summary>
/// One limiter per actor of the shard, created on first use and dropped once it is full again
/// (a full limiter and a new one are the same, so forgetting it is exact and the shard's memory
/// follows who is active). See <see cref="IRateLimitShardGrain"/>.
/// </summary>
[PreferLocalPlacement]
[GrainType("rate-limit-shard")]
public sealed class RateLimitShardGrain : Grain, IRateLimitShardGrain
{
    private const int SweepEvery = 256;
    private readonly Dictionary<string, ReplenishingRateLimiter> _limiters = new(StringComparer.Ordinal);
    private RateLimitSpec? _spec;
    private int _calls;

    public Task<RateLimitDecision> Acquire(RateLimitSpec spec, string actor, int spent, int permits)
    {
        var limiter = LimiterFor(spec, actor);
        RateLimiters.Spend(limiter, spent);
        using var lease = limiter.AttemptAcquire(permits);
        var decision = lease.IsAcquired
            ? new RateLimitDecision(true, TimeSpan.Zero, RateLimiters.Available(limiter))
            : RateLimiters.Refused(lease, spec);
        SweepNowAndThen();
        return Task.FromResult(decision);
    }

    public Task<long[]> Debit(RateLimitSpec spec, string[] actors, int[] spent)
    {
        if (actors.Length != spent.Length) throw new ArgumentException("one count per actor", nameof(spent));
        var left = new long[actors.Length];
        for (var i = 0; i < actors.Length; i++)
        {
            var limiter = LimiterFor(spec, actors[i]);
            RateLimiters.Spend(limiter, spent[i]);
            left[i] = RateLimiters.Available(limiter);
        }
        SweepNowAndThen();
        return Task.FromResult(left);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        foreach (var limiter in _limiters.Values) limiter.Dispose();
        _limiters.Clear();
        return Task.CompletedTask;
    }

    private ReplenishingRateLimiter LimiterFor(RateLimitSpec spec, string actor)
    {
        if (_spec != spec)
        {
            // Another configuration (mid-rollout): start afresh rather than mix two shapes in one count.
            foreach (var old in _limiters.Values) old.Dispose();
            _limiters.Clear();
            _spec = spec;
        }
        if (!_limiters.TryGetValue(actor, out var limiter))
            _limiters[actor] = limiter = RateLimiters.Create(spec);
        limiter.TryReplenish();
        return limiter;
    }

    private void SweepNowAndThen()
    {
        if (++_calls % SweepEvery != 0 || _spec is null) return;
        List<string>? full = null;
        foreach (var (actor, limiter) in _limiters)
        {
            limiter.TryReplenish();
            if (RateLimiters.Available(limiter) >= _spec.PermitLimit) (full ??= []).Add(actor);
        }
        foreach (var actor in full ?? [])
        {
            _limiters[actor].Dispose();
            _limiters.Remove(actor);
        }
    }
}
