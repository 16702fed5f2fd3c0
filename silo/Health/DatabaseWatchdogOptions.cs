using ChitLaq.Grains;

namespace ChitLaq.Silo.Health;

/// <summary>How a node watches its own way to PostgreSQL (<c>DatabaseWatchdog</c> section).</summary>
public sealed class DatabaseWatchdogOptions : ISelfValidatingOptions
{
    public const string Section = "DatabaseWatchdog";

    /// <summary>How often the node opens a fresh connection and runs <c>SELECT 1</c>.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one probe may take (connecting included) before it counts as failed.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A node that has not reached the database for this long, while another node does, leaves
    /// the cluster (a graceful stop) so that its grains move to nodes that can store them. Zero
    /// never leaves. Long enough to ride out a connection blip, short enough that a third of a
    /// campus does not see errors for minutes.
    /// </summary>
    public TimeSpan LeaveAfter { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Validate()
    {
        if (ProbeInterval < TimeSpan.FromMilliseconds(100)) yield return "DatabaseWatchdog:ProbeInterval must be at least 100 ms.";
        if (ProbeTimeout < TimeSpan.FromSeconds(1) || ProbeTimeout > TimeSpan.FromSeconds(60))
            yield return "DatabaseWatchdog:ProbeTimeout must be between 1 s and 60 s (whole seconds: Npgsql counts its timeouts in seconds).";
        if (LeaveAfter < TimeSpan.Zero) yield return "DatabaseWatchdog:LeaveAfter must not be negative.";
        else if (LeaveAfter != TimeSpan.Zero && LeaveAfter < 2 * ProbeInterval)
            yield return "DatabaseWatchdog:LeaveAfter must be 0 (never leave) or at least two probe intervals.";
    }
}
