namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>
/// The single owner of one normalised email address (key: <see cref="EmailAddresses.Normalize"/>d
/// address): at most one account holds it, however many sign-ups race for it.
/// </summary>
[Alias("chitlaq.accounts.email-registry")]
public interface IEmailRegistryGrain : IGrainWithStringKey
{
    [Alias("claim")] Task<bool> Claim(string userId);
    [Alias("release")] Task Release(string userId);
    [Alias("user-id")] Task<string?> GetUserId();
}
