namespace ChitLaq.Benchmarks;

/// <summary>
/// Reads CPU time and resident memory of the node (its PID from CHITLAQ_NODE_PID, set by the load
/// scripts; several nodes as a comma-separated list, summed), of PostgreSQL's processes and of
/// this load client from /proc, so a run can say where the machine's cores went. Linux only;
/// without a PID the node figures read as zero.
/// </summary>
public sealed class ProcessMeter
{
    private const double TicksPerSecond = 100; // USER_HZ: 100 on Linux

    private readonly int[] _nodes = (Environment.GetEnvironmentVariable("CHITLAQ_NODE_PID") ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

    public (double Node, double Postgres, double Client) CpuSeconds() =>
        (_nodes.Sum(Cpu),
         Directory.EnumerateDirectories("/proc").Select(d => Path.GetFileName(d)).Where(n => int.TryParse(n, out _))
             .Where(n => Comm(int.Parse(n)) == "postgres").Sum(n => Cpu(int.Parse(n))),
         Cpu(Environment.ProcessId));

    /// <summary>The node's resident set in MiB (0 without a PID).</summary>
    public double NodeResidentMiB() => _nodes.Sum(node =>
    {
        var line = File.ReadLines($"/proc/{node}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    });

    public static string Describe((double Node, double Postgres, double Client) before, (double Node, double Postgres, double Client) after, double seconds) =>
        FormattableString.Invariant(
            $"CPU cores busy: node {(after.Node - before.Node) / seconds:F2}, postgres {(after.Postgres - before.Postgres) / seconds:F2}, load client {(after.Client - before.Client) / seconds:F2}");

    private static double Cpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond; // utime, stime
        }
        catch (IOException) { return 0; }
    }

    private static string? Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
