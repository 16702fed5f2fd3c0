using System.Globalization;
using System.Threading.RateLimiting;
using ChitLaq.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace ChitLaq.Api.RateLimiting;

/// <summary>
/// Per-IP limits on the unauthenticated account endpoints (register, login, forgot, verify,
/// reset, refresh). Over the limit: 429 problem+json with <c>Retry-After</c> and code <c>rate_limited</c>.
/// </summary>
public static class RateLimitingSetup
{
    public const string AuthPolicy = "auth-per-ip";

    public static IServiceCollection AddChitLaqRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("RateLimits:Auth:PermitLimit", 20);
        var window = TimeSpan.FromSeconds(configuration.GetValue("RateLimits:Auth:WindowSeconds", 60));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(AuthPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
            options.OnRejected = async (rejected, cancellation) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                await TooManyRequests(rejected.HttpContext, retryAfter);
            };
        });
        return services;
    }

    /// <summary>Writes 429 + Retry-After (whole seconds, at least 1) as problem+json.</summary>
    public static Task TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited,
            "Too many requests.", "Wait before trying again.").ExecuteAsync(context);
    }

    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
