namespace ChitLaq.Grains.Privacy;

/// <summary>Data exports and account deletion, bound from the <c>Accounts</c> section and validated at start-up.</summary>
public sealed class AccountLifecycleOptions : ISelfValidatingOptions
{
    public const string Section = "Accounts";

    /// <summary>How long a deleted account can still be saved by signing in (API.md: default 7 days).</summary>
    public TimeSpan DeletionGrace { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most one export in this interval (a failed one does not count).</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a finished archive can be downloaded.</summary>
    public TimeSpan ExportLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Where the archives are kept (nodes on one host share the folder, as with <c>Media:Path</c>).</summary>
    public string ExportPath { get; set; } = Path.Combine(".data", "exports");

    /// <summary>How often each node looks for due jobs when it was not woken.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a node's claim on a job lasts before another node may take it over (renewed as the job goes on).</summary>
    public TimeSpan JobLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Items an erasure handles per batch (posts, edges…), and a pause between batches that spreads a big erasure's load.</summary>
    public int EraseBatch { get; set; } = 100;
    public TimeSpan ErasePause { get; set; } = TimeSpan.Zero;

    /// <summary>Tries at building one export before it is marked failed.</summary>
    public int MaxExportAttempts { get; set; } = 5;

    public IEnumerable<string> Validate()
    {
        if (DeletionGrace < TimeSpan.Zero || DeletionGrace > TimeSpan.FromDays(90)) yield return "Accounts:DeletionGrace must be from 0 to 90 days.";
        if (ExportInterval < TimeSpan.Zero) yield return "Accounts:ExportInterval cannot be negative.";
        if (ExportLifetime < TimeSpan.FromMinutes(1)) yield return "Accounts:ExportLifetime must be at least a minute.";
        if (string.IsNullOrWhiteSpace(ExportPath)) yield return "Accounts:ExportPath is required.";
        if (PollInterval < TimeSpan.FromMilliseconds(50)) yield return "Accounts:PollInterval must be at least 50 ms.";
        if (JobLease < TimeSpan.FromSeconds(5)) yield return "Accounts:JobLease must be at least 5 seconds.";
        if (EraseBatch is < 1 or > 1000) yield return "Accounts:EraseBatch must be from 1 to 1000.";
        if (ErasePause < TimeSpan.Zero) yield return "Accounts:ErasePause cannot be negative.";
        if (MaxExportAttempts < 1) yield return "Accounts:MaxExportAttempts must be at least 1.";
    }
}
