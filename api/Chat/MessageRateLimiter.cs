using ChitLaq.Api.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.Chat;

/// <summary>
/// Per-user message sending limit (token bucket: <c>RateLimits:Messages:PerSecond</c>, burst
/// <c>RateLimits:Messages:Burst</c>), shared by REST and the hub, and one budget across the
/// cluster however the user's devices are spread over nodes.
/// </summary>
public sealed class MessageRateLimiter(ActorBudgets budgets, IOptions<RateLimitOptions> options)
{
    private readonly Grains.Abstractions.RateLimits.RateLimitSpec _spec = options.Value.Messages.ToSpec();

    /// <returns>null when the user may send now; otherwise how long to wait.</returns>
    public Task<TimeSpan?> TryAcquireAsync(string userId) => budgets.TryTakeAsync(ActorBudgets.Messages, "user:" + userId, _spec);
}
