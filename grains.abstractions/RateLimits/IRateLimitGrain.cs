namespace ChitLaq.Grains.Abstractions.RateLimits;

/// <summary>
/// One budget of one actor across the whole cluster (key: <c>{policy}/{partition}</c>, e.g.
/// <c>requests/user:42</c>): whichever node a user's requests land on, they draw from the same
/// activation. The count lives in memory only — a budget is a few minutes of history, and if the
/// node holding it dies the actor simply starts a fresh window.
/// </summary>
[Alias("chitlaq.rate-limits.budget")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Takes <paramref name="permits"/> if the budget has them.</summary>
    [Alias("acquire")] Task<RateLimitDecision> Acquire(RateLimitSpec spec, int permits);

    /// <summary>
    /// Takes at least <paramref name="minimum"/> and up to <paramref name="wanted"/> permits for a
    /// node to spend locally (a busy actor's node asks for a share at a time instead of one call
    /// per request). Never more than an eighth of what is left once more than the minimum is asked,
    /// so near the limit shares shrink to single permits and the budget stays exact across nodes.
    /// </summary>
    [Alias("acquire-up-to")] Task<RateLimitGrant> AcquireUpTo(RateLimitSpec spec, int minimum, int wanted);

    /// <summary>Whether one more permit would be granted, without taking it (failure budgets look before they count).</summary>
    [Alias("peek")] Task<RateLimitDecision> Peek(RateLimitSpec spec);

    public static string Key(string policy, string partition) => policy + "/" + partition;
}

public enum RateLimitAlgorithm
{
    /// <summary><c>PermitLimit</c> per <c>Window</c>, counted from the window's start.</summary>
    FixedWindow = 0,

    /// <summary>A bucket of <c>PermitLimit</c> tokens refilled by <c>TokensPerPeriod</c> every <c>Window</c> (bursts, then a steady rate).</summary>
    TokenBucket = 1,
}

/// <summary>The shape of a budget; every node passes the one its configuration names.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.rate-limits.spec")]
public sealed record RateLimitSpec(
    [property: Id(0)] RateLimitAlgorithm Algorithm,
    [property: Id(1)] int PermitLimit,
    [property: Id(2)] TimeSpan Window,
    [property: Id(3)] int TokensPerPeriod = 0)
{
    public static RateLimitSpec FixedWindow(int permits, TimeSpan window) => new(RateLimitAlgorithm.FixedWindow, permits, window);

    public static RateLimitSpec TokenBucket(int burst, int tokensPerPeriod, TimeSpan period) =>
        new(RateLimitAlgorithm.TokenBucket, burst, period, tokensPerPeriod);
}

[GenerateSerializer, Immutable, Alias("chitlaq.rate-limits.grant")]
public sealed record RateLimitGrant([property: Id(0)] int Permits, [property: Id(1)] TimeSpan RetryAfter);

/// <param name="Remaining">Permits left after this decision (as far as the budget knows; -1 when unknown).</param>
[GenerateSerializer, Immutable, Alias("chitlaq.rate-limits.decision")]
public sealed record RateLimitDecision([property: Id(0)] bool Granted, [property: Id(1)] TimeSpan RetryAfter, [property: Id(2)] long Remaining = -1)
{
    public static readonly RateLimitDecision Allowed = new(true, TimeSpan.Zero);
}
