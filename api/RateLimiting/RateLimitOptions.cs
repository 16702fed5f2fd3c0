namespace ChitLaq.Api.RateLimiting;

/// <summary>One limit: so many requests per window (seconds) per partition.</summary>
public sealed class RequestLimit
{
    public int PermitLimit { get; set; }
    public int WindowSeconds { get; set; }

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    internal IEnumerable<string> Problems(string key)
    {
        if (PermitLimit < 1) yield return $"{key}:PermitLimit must be at least 1.";
        if (WindowSeconds < 1) yield return $"{key}:WindowSeconds must be at least 1.";
    }
}

/// <summary>
/// HTTP request limits (section <c>RateLimits</c>). Every API request counts against its caller:
/// the signed-in user when there is one, else the client's address. Account endpoints and
/// uploads have stricter limits of their own on top. Defaults follow Mastodon's: 300 requests
/// per 5 minutes per address unauthenticated, 1,500 per 5 minutes per user.
/// </summary>
public sealed class RateLimitOptions : IValidatedOptions
{
    public const string Section = "RateLimits";

    public RequestLimit Anonymous { get; set; } = new() { PermitLimit = 300, WindowSeconds = 300 };
    public RequestLimit User { get; set; } = new() { PermitLimit = 1500, WindowSeconds = 300 };
    public RequestLimit Auth { get; set; } = new() { PermitLimit = 20, WindowSeconds = 60 };
    public RequestLimit Media { get; set; } = new() { PermitLimit = 30, WindowSeconds = 1800 };

    public IEnumerable<string> Problems() =>
        Anonymous.Problems($"{Section}:Anonymous")
            .Concat(User.Problems($"{Section}:User"))
            .Concat(Auth.Problems($"{Section}:Auth"))
            .Concat(Media.Problems($"{Section}:Media"));
}
