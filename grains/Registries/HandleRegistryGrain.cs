using ChitLaq.Grains.Abstractions.Handles;
using Orleans.Runtime;

namespace ChitLaq.Grains.Registries;

/// <summary>
/// One activation per handle in the whole cluster, so two sign-ups racing for one handle are
/// serialised here: exactly one claim wins. It also answers "whose handle is this?" for profile
/// look-ups. The state is tiny and bounded (one owner id).
/// </summary>
[GrainType("handle-registry")]
public sealed class HandleRegistryGrain : Grain, IHandleRegistryGrain
{
    private readonly RegistryClaims _claims;

    public HandleRegistryGrain(
        [PersistentState("handleRegistry")] IPersistentState<RegistryClaimState> state,
        IGrainFactory grains,
        TimeProvider clock) => _claims = new RegistryClaims(state, grains, clock);

    private string Handle => this.GetPrimaryKeyString();

    public async Task<HandleAvailability> GetAvailability()
    {
        if (ReservedHandles.Contains(Handle)) return HandleAvailability.Reserved;
        return await _claims.ConfirmedOwner() is null ? HandleAvailability.Available : HandleAvailability.Taken;
    }

    public async Task<HandleClaimResult> Claim(string userId)
    {
        if (ReservedHandles.Contains(Handle)) return HandleClaimResult.Reserved;
        return await _claims.TryClaim(userId) ? HandleClaimResult.Claimed : HandleClaimResult.Taken;
    }

    public Task Release(string userId) => _claims.Release(userId);

    public Task<string?> GetOwner() => _claims.ConfirmedOwner();
}
