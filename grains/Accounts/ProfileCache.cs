using System.Collections.Concurrent;
using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Short-lived copies of public profiles on this silo. Feeds and conversations show the same
/// people again and again; a two-second copy saves two grain hops per person per page (counts may
/// lag by that much). Bounded: a burst of distinct people starts the cache afresh.
/// </summary>
public sealed class ProfileCache(IGrainFactory grains, TimeProvider clock)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, (UserProfile Profile, long At)> _profiles = new();

    public async Task<UserProfile?> Get(string userId)
    {
        var now = clock.GetTimestamp();
        if (_profiles.TryGetValue(userId, out var cached) && clock.GetElapsedTime(cached.At, now) < Freshness) return cached.Profile;
        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        if (_profiles.Count > MaxEntries) _profiles.Clear();
        if (profile is not null) _profiles[userId] = (profile, now);
        return profile;
    }

    /// <summary>The account's standing changed (hidden, shown again, erased): the next read asks its grain.</summary>
    public void Forget(string userId) => _profiles.TryRemove(userId, out _);
}
