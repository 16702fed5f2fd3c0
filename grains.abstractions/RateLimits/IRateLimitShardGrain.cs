namespace ChitLaq.Grains.Abstractions.RateLimits;

/// <summary>
/// The budgets of many actors of one policy (key: <c>{policy}/shard:{n}</c>, the actor's shard by
/// <see cref="ShardOf"/>): for limits checked on every one of a busy path's operations (chat
/// messages), where one grain call per operation per actor cost more than the work itself. A node
/// spends locally what the last answer allowed and reports what it spent for all the shard's
/// actors in one <see cref="Debit"/> call a few times a second, so the calls grow with the number
/// of shards, not with users or messages. In memory only, like <see cref="IRateLimitGrain"/>.
/// </summary>
[Alias("chitlaq.rate-limits.shard")]
public interface IRateLimitShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Counts <paramref name="spent"/> permits the node already let through for the actor (taken
    /// even past the limit: they were used), then takes <paramref name="permits"/> if the budget has them.
    /// </summary>
    [Alias("acquire")] Task<RateLimitDecision> Acquire(RateLimitSpec spec, string actor, int spent, int permits);

    /// <summary>Counts what a node let through since its last report; returns each actor's permits left, in order.</summary>
    [Alias("debit")] Task<long[]> Debit(RateLimitSpec spec, string[] actors, int[] spent);

    public const int Shards = 64;

    public static string Key(string policy, int shard) => policy + "/shard:" + shard;

    /// <summary>The same shard on every node (string.GetHashCode is randomised per process): FNV-1a over the UTF-16 code units.</summary>
    public static int ShardOf(string actor)
    {
        var hash = 2166136261u;
        foreach (var c in actor) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Shards);
    }
}
