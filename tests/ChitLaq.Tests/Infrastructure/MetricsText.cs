using System.Globalization;
using System.Text.RegularExpressions;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>Reading values out of a /metrics scrape (Prometheus text format).</summary>
public static partial class MetricsText
{
    /// <summary>The sum of a series' values over its label sets (optionally only those containing a label).</summary>
    public static double Value(string scrape, string name, string? label = null) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(?:\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
