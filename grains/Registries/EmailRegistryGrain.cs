using ChitLaq.Grains.Abstractions.Accounts;
using Orleans.Runtime;

namespace ChitLaq.Grains.Registries;

/// <summary>
/// One activation per normalised email address: the one place that decides which account holds
/// it, so of many simultaneous sign-ups with one address exactly one succeeds.
/// </summary>
[GrainType("email-registry")]
public sealed class EmailRegistryGrain : Grain, IEmailRegistryGrain
{
    private readonly RegistryClaims _claims;

    public EmailRegistryGrain(
        [PersistentState("emailRegistry")] IPersistentState<RegistryClaimState> state,
        IGrainFactory grains,
        TimeProvider clock) => _claims = new RegistryClaims(state, grains, clock);

    public Task<bool> Claim(string userId) => _claims.TryClaim(userId);

    public Task Release(string userId) => _claims.Release(userId);

    public Task<string?> GetUserId() => _claims.ConfirmedOwner();
}
