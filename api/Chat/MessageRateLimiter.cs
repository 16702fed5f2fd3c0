using System.Collections.Concurrent;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Chat;

/// <summary>
/// Per-user message sending limit (token bucket: <c>RateLimits:Messages:PerSecond</c>, burst
/// <c>RateLimits:Messages:Burst</c>), shared by REST and the hub, and one budget across the
/// cluster however the user's devices are spread over nodes. The budgets live in
/// <see cref="IRateLimitShardGrain"/>s. A grain call on every send — even one made in the
/// background — cost more than the rest of a send (tests/load/chat-load.sh), so this node spends
/// locally what the last answer (under <see cref="Fresh"/> old) allowed and reports what its users
/// spent every <see cref="ReportEvery"/>, one call per shard for all of them; each report's answer
/// refreshes what is known. Within <see cref="Margin"/> of the end every send asks first, so one
/// node is exact; a user sending from several nodes at the same moment can get a few messages past
/// the burst (what the other nodes spent since their last report).
/// </summary>
public sealed class MessageRateLimiter : IDisposable
{
    private const int Margin = 3;
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(250);

    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger<MessageRateLimiter> _logger;
    private readonly RateLimitSpec _spec;
    private readonly ConcurrentDictionary<string, UserBudget> _budgets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _unreported = new(StringComparer.Ordinal);
    private readonly ITimer _reporter;
    private int _reporting;
    private int _calls;

    /// <summary>What this node knows of one user's budget; guarded by locking the instance.</summary>
    private sealed class UserBudget
    {
        public bool Known;
        public long Remaining;
        public long At;
        public int Unreported;
    }

    public MessageRateLimiter(IGrainFactory grains, IOptions<RateLimitOptions> options, TimeProvider clock, ILogger<MessageRateLimiter> logger)
    {
        (_grains, _clock, _logger) = (grains, clock, logger);
        _spec = options.Value.Messages.ToSpec();
        _reporter = clock.CreateTimer(_ => _ = ReportAsync(), null, ReportEvery, ReportEvery);
    }

    /// <returns>null when the user may send now; otherwise how long to wait.</returns>
    public async Task<TimeSpan?> TryAcquireAsync(string userId)
    {
        var now = _clock.GetTimestamp();
        if (Interlocked.Increment(ref _calls) % 4096 == 0) ForgetIdle(now);
        var budget = _budgets.GetOrAdd(userId, _ => new UserBudget());
        int spent;
        lock (budget)
        {
            if (budget.Known && _clock.GetElapsedTime(budget.At, now) < Fresh && budget.Remaining > Margin)
            {
                budget.Remaining--;
                budget.Unreported++;
                _unreported.TryAdd(userId, 0);
                return null;
            }
            (spent, budget.Unreported) = (budget.Unreported, 0);
        }

        var decision = await AcquireAsync(userId, spent);
        lock (budget)
        {
            budget.Remaining = decision.Granted ? decision.Remaining - budget.Unreported : 0;
            budget.At = _clock.GetTimestamp();
            budget.Known = true;
        }
        return decision.Granted ? null : decision.RetryAfter > TimeSpan.Zero ? decision.RetryAfter : TimeSpan.FromSeconds(1);
    }

    private async Task<RateLimitDecision> AcquireAsync(string userId, int spent)
    {
        try
        {
            return await Shard(IRateLimitShardGrain.ShardOf(userId)).Acquire(_spec, userId, spent, 1);
        }
        catch (Exception ex) when (ex is Orleans.Runtime.OrleansException or TimeoutException)
        {
            // A limit must not become an outage (the shard's node is leaving): let the message through.
            _logger.LogWarning(ex, "Message budget of {UserId} unreachable; letting the message through", userId);
            return RateLimitDecision.Allowed;
        }
    }

    /// <summary>Reports what every user spent locally since the last report, one call per shard, and learns what is left.</summary>
    private async Task ReportAsync()
    {
        if (Interlocked.Exchange(ref _reporting, 1) == 1) return;   // the previous report is still on its way
        try
        {
            var byShard = new Dictionary<int, (List<string> Users, List<int> Spent)>();
            foreach (var userId in _unreported.Keys)
            {
                _unreported.TryRemove(userId, out _);
                if (!_budgets.TryGetValue(userId, out var budget)) continue;
                int spent;
                lock (budget) (spent, budget.Unreported) = (budget.Unreported, 0);
                if (spent == 0) continue;
                var shard = IRateLimitShardGrain.ShardOf(userId);
                if (!byShard.TryGetValue(shard, out var entry)) byShard[shard] = entry = ([], []);
                entry.Users.Add(userId);
                entry.Spent.Add(spent);
            }
            await Task.WhenAll(byShard.Select(shard => ReportShardAsync(shard.Key, shard.Value.Users, shard.Value.Spent)));
        }
        finally
        {
            Volatile.Write(ref _reporting, 0);
        }
    }

    private async Task ReportShardAsync(int shard, List<string> users, List<int> spent)
    {
        long[] left;
        try
        {
            left = await Shard(shard).Debit(_spec, users.ToArray(), spent.ToArray());
        }
        catch (Exception ex)
        {
            // What was spent is not counted (the messages went out); the next sends ask afresh.
            _logger.LogDebug(ex, "Reporting message budgets to shard {Shard} failed", shard);
            foreach (var userId in users)
                if (_budgets.TryGetValue(userId, out var stale)) lock (stale) stale.Known = false;
            return;
        }
        var now = _clock.GetTimestamp();
        for (var i = 0; i < users.Count; i++)
        {
            if (!_budgets.TryGetValue(users[i], out var budget)) continue;
            lock (budget)
            {
                budget.Remaining = left[i] - budget.Unreported;
                budget.At = now;
                budget.Known = true;
            }
        }
    }

    private IRateLimitShardGrain Shard(int shard) =>
        _grains.GetGrain<IRateLimitShardGrain>(IRateLimitShardGrain.Key(ActorBudgets.Messages, shard));

    private void ForgetIdle(long now)
    {
        foreach (var (userId, budget) in _budgets)
            lock (budget)
                if (budget.Unreported == 0 && _clock.GetElapsedTime(budget.At, now) > TimeSpan.FromMinutes(1))
                    _budgets.TryRemove(new KeyValuePair<string, UserBudget>(userId, budget));
    }

    public void Dispose() => _reporter.Dispose();
}
