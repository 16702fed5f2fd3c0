using System.Globalization;
using System.Threading.RateLimiting;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChitLaq.Api.RateLimiting;

/// <summary>
/// Request limits with ASP.NET Core's rate limiter (see <see cref="RateLimitOptions"/>): a global
/// limit on <c>/api</c> and <c>/hubs</c> — per signed-in user across the cluster
/// (<see cref="ClusterRateLimiter"/>), or per client address on this node without a valid token —
/// and named policies for sign-up, emailed tokens and reset mail (per address) and uploads (per
/// user, across the cluster). Over a limit: 429 problem+json with <c>Retry-After</c> and code
/// <c>rate_limited</c>, never the middleware's default 503.
/// </summary>
public static class RateLimitingSetup
{
    public const string RegistrationPolicy = "registration-per-address";
    public const string EmailTokensPolicy = "email-tokens-per-address";
    public const string PasswordResetMailPolicy = "password-reset-mail-per-address";
    public const string MediaPolicy = "media-per-user";

    public static IServiceCollection AddChitLaqRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitOptions>(configuration, RateLimitOptions.Section);
        services.AddSingleton<ActorBudgets>();
        services.AddSingleton<SignInFailureBudget>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, ActorBudgets>((options, limits, budgets) =>
            Configure(options, limits.Value, budgets));
        return services;
    }

    private static void Configure(RateLimiterOptions options, RateLimitOptions limits, ActorBudgets budgets)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!IsLimitedPath(context.Request.Path))
                return RateLimitPartition.GetNoLimiter("unlimited");
            return context.User.UserId() is { } userId
                ? budgets.Partition(ActorBudgets.Requests, "user:" + userId, limits.User.ToSpec())
                : FixedWindow("ip:" + ClientAddress(context), limits.Anonymous);
        });
        options.AddPolicy(RegistrationPolicy, context => FixedWindow(ClientAddress(context), limits.Registration));
        options.AddPolicy(EmailTokensPolicy, context => FixedWindow(ClientAddress(context), limits.EmailTokens));
        options.AddPolicy(PasswordResetMailPolicy, context => FixedWindow(ClientAddress(context), limits.PasswordResetMail));
        options.AddPolicy(MediaPolicy, context => context.User.UserId() is { } userId
            ? budgets.Partition(ActorBudgets.Uploads, "user:" + userId, limits.Media.ToSpec())
            : FixedWindow("ip:" + ClientAddress(context), limits.Media));
        options.OnRejected = async (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            await TooManyRequests(rejected.HttpContext, retryAfter);
        };
    }

    // Health checks and /metrics are for the operator's probes (and blocked at nginx); the
    // web client's static files are cached. What costs work is the API and the hub.
    private static bool IsLimitedPath(PathString path) =>
        path.StartsWithSegments(ApiSetup.BasePath) || path.StartsWithSegments("/hubs");

    // The address after UseForwardedHeaders: the client's, when the proxy in front is trusted.
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> FixedWindow(string partition, RequestLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });

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
