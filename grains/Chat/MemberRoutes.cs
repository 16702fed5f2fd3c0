using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// A conversation's copy of where its members are connected, so that one event reaches each node
/// in one call carrying all the members connected there (instead of one call per member through
/// each member's presence grain). Each member's presence grain pushes changes to this copy while
/// the watch lasts; entries are re-fetched (and the watch renewed) before the lease runs out.
/// </summary>
internal sealed class MemberRoutes(IRouteWatcher self, IGrainFactory grains, TimeProvider clock, ILogger logger)
{
    /// <summary>Re-watch a member this long after the last fetch: comfortably inside the lease.</summary>
    private static readonly TimeSpan Fresh = IUserPresenceGrain.RouteLease - TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (UserRoutes Routes, DateTimeOffset FreshUntil)> _byUser = new(StringComparer.Ordinal);

    /// <summary>Sends <paramref name="realtimeEvent"/> to every connected device of these users: one call per node.</summary>
    public async Task DeliverAsync(IEnumerable<string> userIds, RealtimeEvent realtimeEvent)
    {
        var users = userIds.ToList();
        await RefreshAsync(users);
        var byNode = new Dictionary<string, (INodeObserver Node, List<string> Users)>(StringComparer.Ordinal);
        foreach (var userId in users)
        {
            if (!_byUser.TryGetValue(userId, out var entry)) continue;
            foreach (var route in entry.Routes.Nodes)
            {
                if (!byNode.TryGetValue(route.NodeId, out var batch)) byNode[route.NodeId] = batch = (route.Node, []);
                batch.Users.Add(userId);
            }
        }
        // One-way: a node that died is dropped by the presence grains when its lease ends, and
        // its clients reconnect elsewhere and resume by seq.
        foreach (var (node, batch) in byNode.Values) await node.DeliverMany(batch, realtimeEvent);
    }

    /// <summary>
    /// A presence grain's push: keeps whichever copy is newer. A push that overtakes the answer to
    /// the first watch is kept too (as not yet fresh), so that answer cannot put an older copy back.
    /// </summary>
    public void Update(string userId, UserRoutes routes)
    {
        if (!_byUser.TryGetValue(userId, out var entry)) _byUser[userId] = (routes, DateTimeOffset.MinValue);
        else if (entry.Routes.Version <= routes.Version) _byUser[userId] = (routes, entry.FreshUntil);
    }

    /// <summary>Stops watching a member who left.</summary>
    public void Forget(string userId)
    {
        if (_byUser.Remove(userId)) _ = grains.GetGrain<IUserPresenceGrain>(userId).Unwatch(self);
    }

    /// <summary>Stops all watches (the conversation is going to sleep).</summary>
    public void ForgetAll()
    {
        foreach (var userId in _byUser.Keys.ToList()) Forget(userId);
    }

    private async Task RefreshAsync(List<string> users)
    {
        var now = clock.GetUtcNow();
        var stale = users.Where(id => !_byUser.TryGetValue(id, out var e) || e.FreshUntil < now).ToList();
        if (stale.Count == 0) return;
        var fetched = await Task.WhenAll(stale.Select(async id =>
        {
            try { return (id, Routes: (UserRoutes?)await grains.GetGrain<IUserPresenceGrain>(id).Watch(self)); }
            catch (Exception ex)
            {
                // Not cached, so the next event asks again; this one misses the member's devices, which resume by seq.
                logger.LogWarning(ex, "Could not learn where a member is connected");
                return (id, Routes: (UserRoutes?)null);
            }
        }));
        foreach (var (id, routes) in fetched)
        {
            if (routes is null) continue;
            // A push that overtook this answer may already hold a newer version.
            var newest = _byUser.TryGetValue(id, out var e) && e.Routes.Version > routes.Version ? e.Routes : routes;
            _byUser[id] = (newest, now + Fresh);
        }
    }
}
