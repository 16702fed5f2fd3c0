namespace ChitLaq.Grains.Feeds;

/// <summary>Feed and discovery tuning (<c>Feeds</c> section).</summary>
public sealed class FeedOptions : ISelfValidatingOptions
{
    public const string Section = "Feeds";

    /// <summary>Posts of accounts with more followers than this are merged at read time, not pushed.</summary>
    public int BigAccountFollowers { get; set; } = 10_000;

    /// <summary>How long a timeline trusts its list of big followees before asking again.</summary>
    public TimeSpan BigFolloweesRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Followers who have not read a feed for this long get no pushes; their timeline is rebuilt when they return.</summary>
    public TimeSpan InactiveAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many entries a home timeline keeps in memory.</summary>
    public int TimelineCapacity { get; set; } = 800;

    /// <summary>How far back a rebuild looks for posts.</summary>
    public TimeSpan RebuildHorizon { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Timeline grains called at once by one fan-out.</summary>
    public int FanoutParallelism { get; set; } = 256;

    /// <summary>Trending scores halve over this time.</summary>
    public TimeSpan TrendHalfLife { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How far back trends look (and rebuild from on activation).</summary>
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromHours(48);

    public IEnumerable<string> Validate()
    {
        if (BigAccountFollowers < 1) yield return "Feeds:BigAccountFollowers must be positive.";
        if (TimelineCapacity is < 50 or > 10_000) yield return "Feeds:TimelineCapacity must be 50–10000.";
        if (TrendHalfLife <= TimeSpan.Zero) yield return "Feeds:TrendHalfLife must be positive.";
        if (FanoutParallelism < 1) yield return "Feeds:FanoutParallelism must be positive.";
    }
}
