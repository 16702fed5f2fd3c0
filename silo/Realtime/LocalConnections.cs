using System.Collections.Concurrent;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// The one source of truth for where a user is connected: this node's count of each user's
/// SignalR connections here. Every event reaches every node; this is what each keeps it by.
/// </summary>
public sealed class LocalConnections
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public int Users => _counts.Count;

    public IEnumerable<KeyValuePair<string, int>> All => _counts;

    public bool Has(string userId) => _counts.ContainsKey(userId);

    public int Add(string userId) => _counts.AddOrUpdate(userId, 1, (_, n) => n + 1);

    /// <returns>How many connections the user still has here (0: none, and the user is forgotten).</returns>
    public int Remove(string userId)
    {
        var count = _counts.AddOrUpdate(userId, 0, (_, n) => Math.Max(0, n - 1));
        if (count == 0) _counts.TryRemove(new KeyValuePair<string, int>(userId, 0));
        return count;
    }
}
