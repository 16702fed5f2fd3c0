using System.Collections.Concurrent;
using System.Diagnostics;
using ChitLaq.Api.RateLimiting;
using ChitLaq.Grains.Abstractions.RateLimits;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Chat;

/// <summary>
/// Per-user message sending limit (token bucket: <c>RateLimits:Messages:PerSecond</c>, burst
/// <c>RateLimits:Messages:Burst</c>), shared by REST and the hub, and one budget across the
/// cluster however the user's devices are spread over nodes. Asking the budget grain before every
/// message put a grain call on the path of every send (p99 send → receive went from ≈ 110 ms to
/// ≈ 1.4 s in tests/load/chat-load.sh), so a send waits for the budget only when it may be near
/// its end: while the last answer (under a second old) left more than <see cref="Margin"/>
/// permits, the message goes ahead and is debited in the background, and that answer becomes the
/// next one. Near the limit every send asks first, so one node stays exact; a user sending from
/// several nodes at the same moment can get at most a few messages past the burst.
/// </summary>
public sealed class MessageRateLimiter(ActorBudgets budgets, IOptions<RateLimitOptions> options)
{
    private const int Margin = 3;
    private static readonly long Fresh = Stopwatch.Frequency;   // 1 s
    private readonly RateLimitSpec _spec = options.Value.Messages.ToSpec();
    private readonly ConcurrentDictionary<string, (long Remaining, long At)> _known = new(StringComparer.Ordinal);
    private int _calls;

    /// <returns>null when the user may send now; otherwise how long to wait.</returns>
    public async Task<TimeSpan?> TryAcquireAsync(string userId)
    {
        var now = Stopwatch.GetTimestamp();
        if (++_calls % 4096 == 0) ForgetStale(now);
        if (_known.TryGetValue(userId, out var known) && now - known.At < Fresh && known.Remaining > Margin)
        {
            _known[userId] = (known.Remaining - 1, known.At);
            _ = DebitAsync(userId);
            return null;
        }
        return await DebitAsync(userId);
    }

    private async Task<TimeSpan?> DebitAsync(string userId)
    {
        var decision = await budgets.DecideAsync(ActorBudgets.Messages, "user:" + userId, _spec);
        _known[userId] = (decision.Granted ? decision.Remaining : 0, Stopwatch.GetTimestamp());
        return decision.Granted ? null : decision.RetryAfter > TimeSpan.Zero ? decision.RetryAfter : TimeSpan.FromSeconds(1);
    }

    private void ForgetStale(long now)
    {
        foreach (var (userId, known) in _known)
            if (now - known.At > 60 * Fresh) _known.TryRemove(new KeyValuePair<string, (long, long)>(userId, known));
    }
}
