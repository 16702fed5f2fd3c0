using System.Diagnostics;
using ChitLaq.Grains.Accounts;
using Microsoft.Extensions.Options;

namespace ChitLaq.Benchmarks;

/// <summary>Cost of one Argon2id verification, and throughput with the node's concurrency cap.</summary>
public static class HashBenchmark
{
    public static async Task<int> RunAsync()
    {
        var options = Options.Create(new AccountOptions());
        var hashing = options.Value.PasswordHashing;
        using var hasher = new PasswordHasher(options);
        var stored = await hasher.HashAsync("benchmark-password-1");

        const int sequential = 50;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < sequential; i++) await hasher.VerifyAsync(stored, "benchmark-password-1");
        var perHash = watch.Elapsed.TotalMilliseconds / sequential;

        const int concurrent = 400;
        watch.Restart();
        await Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => hasher.VerifyAsync(stored, "benchmark-password-1")));
        var perSecond = concurrent / watch.Elapsed.TotalSeconds;

        Console.WriteLine($"Argon2id m={hashing.MemoryKiB} KiB t={hashing.Iterations} p=1, cap {hashing.MaxConcurrent} at once");
        Console.WriteLine($"one verification: {perHash:F1} ms; {concurrent} concurrent verifications: {perSecond:F0}/s");
        return 0;
    }
}
