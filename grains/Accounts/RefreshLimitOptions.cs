namespace ChitLaq.Grains.Accounts;

/// <summary>
/// How often one session may refresh its tokens (section <c>RateLimits:Refresh</c>). A healthy
/// client refreshes once per access-token lifetime (15 minutes); the limit only stops a client
/// stuck in a loop. It is per session, never per address: 500 students behind one campus NAT
/// refreshing at the same moment are 500 sessions.
/// </summary>
public sealed class RefreshLimitOptions : ISelfValidatingOptions
{
    public const string Section = "RateLimits:Refresh";

    public int PermitLimit { get; set; } = 30;
    public int WindowSeconds { get; set; } = 300;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public IEnumerable<string> Validate()
    {
        if (PermitLimit < 1) yield return $"{Section}:PermitLimit must be at least 1.";
        if (WindowSeconds < 1) yield return $"{Section}:WindowSeconds must be at least 1.";
    }
}
