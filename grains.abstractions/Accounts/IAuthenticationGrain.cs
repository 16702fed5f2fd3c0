using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>
/// Flows that begin with an email address rather than an account: sign-in and "forgot password".
/// A stateless worker, so it scales out on every silo; it answers the same way for unknown
/// addresses as for known ones.
/// </summary>
[Alias("chitlaq.accounts.authentication")]
public interface IAuthenticationGrain : IGrainWithIntegerKey
{
    [Alias("sign-in")] Task<SignInResult> SignIn(string email, string password, ClientInfo client);

    /// <summary>Fire-and-forget, so the caller answers in the same time whether or not the account exists.</summary>
    [Alias("request-password-reset"), OneWay] Task RequestPasswordReset(string email, ClientInfo client);
}
