using Orleans.Runtime;
using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Grains.Handles;

/// <summary>
/// One activation per handle in the whole cluster, so two sign-ups racing for one handle are
/// serialised here: exactly one claim wins. The state is tiny and bounded (one owner id).
/// </summary>
[GrainType("handle-registry")]
public sealed class HandleRegistryGrain(
    [PersistentState("handleRegistry")] IPersistentState<HandleRegistryState> state,
    TimeProvider clock) : Grain, IHandleRegistryGrain
{
    private string Handle => this.GetPrimaryKeyString();

    public Task<HandleAvailability> GetAvailability()
    {
        if (ReservedHandles.Contains(Handle)) return Task.FromResult(HandleAvailability.Reserved);
        return Task.FromResult(state.State.OwnerUserId is null ? HandleAvailability.Available : HandleAvailability.Taken);
    }

    public async Task<HandleClaimResult> Claim(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (ReservedHandles.Contains(Handle)) return HandleClaimResult.Reserved;
        if (state.State.OwnerUserId == userId) return HandleClaimResult.Claimed;
        if (state.State.OwnerUserId is not null) return HandleClaimResult.Taken;

        state.State.OwnerUserId = userId;
        state.State.ClaimedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        return HandleClaimResult.Claimed;
    }

    public async Task Release(string userId)
    {
        if (state.State.OwnerUserId != userId) return;
        state.State.OwnerUserId = null;
        state.State.ClaimedAt = null;
        await state.WriteStateAsync();
    }

    public Task<string?> GetOwner() => Task.FromResult(state.State.OwnerUserId);
}
