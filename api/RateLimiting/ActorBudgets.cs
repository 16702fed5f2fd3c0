using System.Threading.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;

namespace ChitLaq.Api.RateLimiting;

/// <summary>
/// The cluster-wide budgets of actors (users, and addresses for sign-in failures): each is an
/// <see cref="IRateLimitGrain"/>, reached as a middleware partition (<see cref="Partition"/>) or
/// asked directly by endpoints and the hub.
/// </summary>
public sealed class ActorBudgets(IGrainFactory grains, ILogger<ActorBudgets> logger)
{
    public const string Requests = "requests";
    public const string Uploads = "uploads";
    public const string Messages = "messages";
    public const string Reports = "reports";
    public const string SignInFailures = "sign-in-failures";

    /// <summary>A rate-limiter partition whose permits come from the actor's budget grain.</summary>
    public RateLimitPartition<string> Partition(string policy, string actor, RateLimitSpec spec)
    {
        var key = IRateLimitGrain.Key(policy, actor);
        return RateLimitPartition.Get(key, _ => new ClusterRateLimiter(grains, key, spec, logger));
    }

    /// <returns>null when the actor may go ahead (the permit is taken); otherwise how long to wait.</returns>
    public async Task<TimeSpan?> TryTakeAsync(string policy, string actor, RateLimitSpec spec)
    {
        var decision = await DecideAsync(policy, actor, spec);
        return decision.Granted ? null : Wait(decision);
    }

    /// <summary>Takes one permit and says how many are left (granted when the budget cannot be reached).</summary>
    public Task<RateLimitDecision> DecideAsync(string policy, string actor, RateLimitSpec spec) =>
        ClusterRateLimiter.DecideAsync(grains, IRateLimitGrain.Key(policy, actor), spec, 1, logger);

    /// <returns>null when the budget has a permit left (none is taken); otherwise how long to wait.</returns>
    public async Task<TimeSpan?> ExhaustedForAsync(string policy, string actor, RateLimitSpec spec)
    {
        try
        {
            var decision = await grains.GetGrain<IRateLimitGrain>(IRateLimitGrain.Key(policy, actor)).Peek(spec);
            return decision.Granted ? null : Wait(decision);
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate limit budget {Policy}/{Actor} unreachable; letting the request through", policy, actor);
            return null;
        }
    }

    private static TimeSpan Wait(RateLimitDecision decision) =>
        decision.RetryAfter > TimeSpan.Zero ? decision.RetryAfter : TimeSpan.FromSeconds(1);
}
