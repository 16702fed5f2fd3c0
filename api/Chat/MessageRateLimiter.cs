using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace ChitLaq.Api.Chat;

/// <summary>
/// Per-user message sending limit on this node (token bucket: <c>RateLimits:Messages:PerSecond</c>,
/// burst <c>RateLimits:Messages:Burst</c>), shared by REST and the hub.
/// </summary>
public sealed class MessageRateLimiter(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(userId =>
        RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = configuration.GetValue("RateLimits:Messages:Burst", 20),
            TokensPerPeriod = configuration.GetValue("RateLimits:Messages:PerSecond", 10),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <returns>null when the user may send now; otherwise how long to wait.</returns>
    public TimeSpan? TryAcquire(string userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
