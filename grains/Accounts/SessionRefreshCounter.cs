namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Refreshes per session in fixed windows, kept in the user grain's memory: a lost count (the
/// grain moved) only gives a looping client a fresh window. Bounded by the user's sessions; a
/// window that has passed is dropped on the next look.
/// </summary>
internal sealed class SessionRefreshCounter
{
    private readonly Dictionary<Guid, (DateTimeOffset Start, int Count)> _windows = [];

    /// <returns>null when this refresh may go ahead (and counts it); otherwise how long to wait.</returns>
    public TimeSpan? TryCount(Guid sessionId, DateTimeOffset now, RefreshLimitOptions limit)
    {
        foreach (var stale in _windows.Where(w => now - w.Value.Start >= limit.Window).Select(w => w.Key).ToList())
            _windows.Remove(stale);
        var (start, count) = _windows.TryGetValue(sessionId, out var window) ? window : (now, 0);
        if (count >= limit.PermitLimit) return start + limit.Window - now;
        _windows[sessionId] = (start, count + 1);
        return null;
    }
}
