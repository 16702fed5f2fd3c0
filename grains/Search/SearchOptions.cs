namespace ChitLaq.Grains.Search;

/// <summary>Full-text search (<c>Search</c> section). Each node keeps its own index.</summary>
public sealed class SearchOptions : ISelfValidatingOptions
{
    public const string Section = "Search";

    /// <summary>This node's index folder; derived data, rebuilt from the tables when missing.</summary>
    public string IndexPath { get; set; } = "";

    /// <summary>How often the change feed is read when no nudge arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often applied changes are committed to disk (searchable at once regardless).</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Change-feed rows older than this are pruned; an index older than this is rebuilt.</summary>
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromDays(7);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(IndexPath)) yield return "Search:IndexPath must be set.";
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromSeconds(2)) yield return "Search:PollInterval must be above 0 and at most 2 s (results must be fresh within 2 s).";
        if (CommitInterval <= TimeSpan.Zero) yield return "Search:CommitInterval must be positive.";
        if (ChangeRetention < TimeSpan.FromHours(1)) yield return "Search:ChangeRetention must be at least an hour.";
    }
}
