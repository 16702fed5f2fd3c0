using System.Diagnostics;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// A node under a supervisor that starts it again a second after it exits, as compose's
/// <c>restart: unless-stopped</c> (deploy/compose.yaml) and systemd's <c>Restart=</c> do in
/// production — the way a silo comes back after Orleans stops it for having been declared dead,
/// or after it leaves the cluster on its own. Keeps every process it started, for their exit
/// codes and output.
/// </summary>
public sealed class SupervisedNode : IAsyncDisposable
{
    private readonly Func<SiloProcess> _start;
    private readonly Stopwatch _clock;
    private readonly List<SiloProcess> _processes = [];
    private readonly List<(TimeSpan At, int Code)> _exits = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watching;

    public SupervisedNode(string name, Func<SiloProcess> start, Stopwatch clock)
    {
        Name = name;
        _start = start;
        _clock = clock;
        _processes.Add(start());
        _watching = WatchAsync();
    }

    public string Name { get; }
    public SiloProcess Current { get { lock (_processes) return _processes[^1]; } }
    public int Restarts { get { lock (_processes) return _processes.Count - 1; } }
    /// <summary>When (test clock) each process ended and its exit code.</summary>
    public IReadOnlyList<(TimeSpan At, int Code)> Exits { get { lock (_processes) return _exits.ToList(); } }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(200, _stop.Token); } catch (OperationCanceledException) { return; }
            var current = Current;
            if (!current.HasExited) continue;
            lock (_processes) _exits.Add((_clock.Elapsed, current.ExitCode));
            try { await Task.Delay(1000, _stop.Token); } catch (OperationCanceledException) { return; }
            lock (_processes) _processes.Add(_start());
        }
    }

    /// <summary>Every output line of every process that contains <paramref name="text"/>, with its timestamp, cut to 300 characters.</summary>
    public IEnumerable<string> LinesContaining(string text)
    {
        List<SiloProcess> all;
        lock (_processes) all = _processes.ToList();
        return all.SelectMany(p => p.Output.Split('\n')).Where(line => line.Contains(text, StringComparison.Ordinal))
            .Select(line => line.Length > 300 ? line[..300] : line);
    }

    /// <summary>The last lines of every process's output (for failure messages).</summary>
    public string Tail(int characters = 4000)
    {
        List<SiloProcess> all;
        lock (_processes) all = _processes.ToList();
        return string.Join("\n", all.Select((p, i) => $"--- {Name} process {i + 1} ---\n" + p.Output[^Math.Min(p.Output.Length, characters)..]));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        List<SiloProcess> all;
        lock (_processes) all = _processes.ToList();
        foreach (var process in all) await process.DisposeAsync();
        _stop.Dispose();
    }
}
