using System.Collections.Concurrent;
using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Api.Moderation;

/// <summary>
/// This node's copies of users' standing (token epoch, limit, suspension, ban), checked on every
/// request and hub call. The user grain is the truth: it tells every node the moment it changes
/// (<see cref="Set"/>), and a copy older than <see cref="Freshness"/> is read again, so a node that
/// missed the notice heals within that time. A hit is a dictionary look-up and costs no grain call.
/// </summary>
public sealed class AccountStandings(IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 200_000;
    private readonly ConcurrentDictionary<string, (AccountStanding Standing, long At)> _copies = new(StringComparer.Ordinal);

    public ValueTask<AccountStanding> GetAsync(string userId)
    {
        if (_copies.TryGetValue(userId, out var copy) && clock.GetElapsedTime(copy.At) < Freshness) return ValueTask.FromResult(copy.Standing);
        return new ValueTask<AccountStanding>(ReadAsync(userId));
    }

    /// <summary>What the user grain announced; never replaces a newer epoch with an older one.</summary>
    public void Set(string userId, AccountStanding standing)
    {
        if (_copies.Count > MaxEntries) _copies.Clear();
        _copies.AddOrUpdate(userId, (standing, clock.GetTimestamp()),
            (_, existing) => existing.Standing.TokenEpoch > standing.TokenEpoch ? existing : (standing, clock.GetTimestamp()));
    }

    private async Task<AccountStanding> ReadAsync(string userId)
    {
        var standing = await grains.GetGrain<IUserGrain>(userId).GetStanding();
        Set(userId, standing);
        return standing;
    }
}
