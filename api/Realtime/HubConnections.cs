using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Api.Realtime;

/// <summary>
/// The hub connections open on this node, by user: what lets the node close a suspended user's
/// connections the moment it is told (SignalR's hub context can send to a connection but not close it).
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new(StringComparer.Ordinal);

    public void Add(string userId, HubCallerContext context) =>
        _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[context.ConnectionId] = context;

    public void Remove(string userId, string connectionId)
    {
        if (!_byUser.TryGetValue(userId, out var connections)) return;
        connections.TryRemove(connectionId, out _);
        if (connections.IsEmpty) _byUser.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, HubCallerContext>>(userId, connections));
    }

    /// <returns>How many connections of the user were closed.</returns>
    public int CloseAll(string userId) => CloseWhere(userId, _ => true);

    /// <summary>Closes the user's connections whose caller matches (e.g. those signed in with a token that was revoked).</summary>
    /// <returns>How many were closed.</returns>
    public int CloseWhere(string userId, Func<HubCallerContext, bool> matches)
    {
        if (!_byUser.TryGetValue(userId, out var connections)) return 0;
        var closed = 0;
        foreach (var context in connections.Values.Where(matches))
        {
            context.Abort();
            closed++;
        }
        return closed;
    }
}
