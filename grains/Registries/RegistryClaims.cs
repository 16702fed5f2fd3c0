using ChitLaq.Grains.Abstractions.Accounts;
using Orleans.Runtime;

namespace ChitLaq.Grains.Registries;

/// <summary>
/// The claim rules shared by the unique-key grains. A sign-up claims its email and handle before
/// the account is saved; if the process dies in between, the claim would block that key for
/// ever. So a claim that is older than <see cref="AbandonedAfter"/> and whose owner never became
/// an account is treated as abandoned and may be taken over.
/// </summary>
internal sealed class RegistryClaims(IPersistentState<RegistryClaimState> state, IGrainFactory grains, TimeProvider clock)
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public string? Owner => state.State.OwnerUserId;

    public async Task<bool> TryClaim(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (Owner == userId) return true;
        if (Owner is not null && !await IsAbandoned()) return false;

        state.State.OwnerUserId = userId;
        state.State.ClaimedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return true;
    }

    public async Task Release(string userId)
    {
        if (Owner != userId) return;
        state.State.OwnerUserId = null;
        state.State.ClaimedAt = null;
        await state.WriteStateAsync();
    }

    /// <summary>The owner, unless the claim was abandoned by a sign-up that never finished.</summary>
    public async Task<string?> ConfirmedOwner() =>
        Owner is null || await IsAbandoned() ? null : Owner;

    private async Task<bool> IsAbandoned()
    {
        var claimedAt = state.State.ClaimedAt ?? DateTimeOffset.MinValue;
        if (clock.GetUtcNow() - claimedAt < AbandonedAfter) return false;
        return !await grains.GetGrain<IUserGrain>(Owner!).HoldsClaims();
    }
}
