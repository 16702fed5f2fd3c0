namespace ChitLaq.Benchmarks;

/// <summary>How the load tools print a latency distribution.</summary>
public static class Latencies
{
    public static void Report(string what, IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) { Console.WriteLine($"{what}: none"); return; }
        Console.WriteLine($"{what}: p50 {Percentile(sorted, 0.5):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms ({sorted.Length} samples)");
    }

    /// <summary>The value at quantile <paramref name="q"/> of already sorted values.</summary>
    public static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
