using ChitLaq.Grains.Abstractions.RateLimits;

namespace ChitLaq.Api.RateLimiting;

/// <summary>One limit: so many requests per window (seconds) per partition.</summary>
public sealed class RequestLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public RateLimitSpec ToSpec() => RateLimitSpec.FixedWindow(PermitLimit, Window);

    internal IEnumerable<string> Problems(string key)
    {
        if (PermitLimit < 1) yield return $"{key}:PermitLimit must be at least 1.";
        if (WindowSeconds < 1) yield return $"{key}:WindowSeconds must be at least 1.";
    }
}

/// <summary>A steady rate with a burst on top (token bucket), e.g. chat messages.</summary>
public sealed class RateWithBurst
{
    public int PerSecond { get; set; }
    public int Burst { get; set; }

    public RateLimitSpec ToSpec() => RateLimitSpec.TokenBucket(Burst, PerSecond, TimeSpan.FromSeconds(1));

    internal IEnumerable<string> Problems(string key)
    {
        if (PerSecond < 1) yield return $"{key}:PerSecond must be at least 1.";
        if (Burst < 1) yield return $"{key}:Burst must be at least 1.";
    }
}

/// <summary>
/// The gateway's limits (section <c>RateLimits</c>). A campus reaches us from one address (its
/// NAT), so limits key on the actor: the signed-in user (one budget across the cluster), and for
/// sign-in the failures — per account (lockout, <c>Auth:Lockout</c>) and per address (credential
/// stuffing). Per-address budgets for anonymous traffic are sized for thousands of students behind
/// one address; they stop floods, not a lecture hall. Refresh is limited per session in the user
/// grain (<c>RateLimits:Refresh</c>), never per address.
/// </summary>
public sealed class RateLimitOptions : IValidatedOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests to /api and /hubs per address without a valid token, per node (sign-up, sign-in, refresh, public reads).</summary>
    public RequestLimit Anonymous { get; set; } = new() { PermitLimit = 10_000, WindowSeconds = 300 };

    /// <summary>Requests to /api and /hubs per signed-in user, across the cluster (Mastodon's figure).</summary>
    public RequestLimit User { get; set; } = new() { PermitLimit = 1_500, WindowSeconds = 300 };

    /// <summary>Sign-ups per address, per node: an orientation-day lecture hall behind one NAT.</summary>
    public RequestLimit Registration { get; set; } = new() { PermitLimit = 300, WindowSeconds = 600 };

    /// <summary>Emailed-token redemptions (verify email, reset password) per address, per node.</summary>
    public RequestLimit EmailTokens { get; set; } = new() { PermitLimit = 1_000, WindowSeconds = 600 };

    /// <summary>"Forgot password" requests per address, per node (each account also gets at most one mail a minute).</summary>
    public RequestLimit PasswordResetMail { get; set; } = new() { PermitLimit = 300, WindowSeconds = 600 };

    /// <summary>Failed sign-ins per address across the cluster; past it, sign-ins from that address wait.</summary>
    public RequestLimit SignInFailures { get; set; } = new() { PermitLimit = 100, WindowSeconds = 900 };

    /// <summary>Uploads per user, across the cluster.</summary>
    public RequestLimit Media { get; set; } = new() { PermitLimit = 30, WindowSeconds = 1800 };

    /// <summary>Reports filed per user, across the cluster (API.md: 20 an hour).</summary>
    public RequestLimit Reports { get; set; } = new() { PermitLimit = 20, WindowSeconds = 3600 };

    /// <summary>Chat messages per user (REST and hub), across the cluster.</summary>
    public RateWithBurst Messages { get; set; } = new() { PerSecond = 10, Burst = 20 };

    public IEnumerable<string> Problems() =>
        Anonymous.Problems($"{Section}:Anonymous")
            .Concat(User.Problems($"{Section}:User"))
            .Concat(Registration.Problems($"{Section}:Registration"))
            .Concat(EmailTokens.Problems($"{Section}:EmailTokens"))
            .Concat(PasswordResetMail.Problems($"{Section}:PasswordResetMail"))
            .Concat(SignInFailures.Problems($"{Section}:SignInFailures"))
            .Concat(Media.Problems($"{Section}:Media"))
            .Concat(Reports.Problems($"{Section}:Reports"))
            .Concat(Messages.Problems($"{Section}:Messages"));
}
