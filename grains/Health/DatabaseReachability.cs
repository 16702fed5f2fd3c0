namespace ChitLaq.Grains.Health;

/// <summary>
/// This node's latest word on PostgreSQL, written by the node's database watchdog after each probe
/// and read by the node's <see cref="DatabaseProbeGrain"/> when a peer asks.
/// </summary>
public sealed class DatabaseReachability(TimeProvider time)
{
    private long _lastSuccessTicks = long.MinValue;
    private long _lostSinceTicks = long.MinValue;

    public void Succeeded()
    {
        Interlocked.Exchange(ref _lastSuccessTicks, time.GetUtcNow().UtcTicks);
        Interlocked.Exchange(ref _lostSinceTicks, long.MinValue);
    }

    /// <summary>Records a failed probe; returns how long the database has been out of reach.</summary>
    public TimeSpan Failed()
    {
        var now = time.GetUtcNow().UtcTicks;
        Interlocked.CompareExchange(ref _lostSinceTicks, now, long.MinValue);
        return TimeSpan.FromTicks(now - Interlocked.Read(ref _lostSinceTicks));
    }

    /// <summary>A probe succeeded within <paramref name="window"/>.</summary>
    public bool ReachableWithin(TimeSpan window)
    {
        var last = Interlocked.Read(ref _lastSuccessTicks);
        return last != long.MinValue && time.GetUtcNow().UtcTicks - last <= window.Ticks;
    }
}
