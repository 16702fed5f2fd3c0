using ChitLaq.Grains.Abstractions.Accounts;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Entry point of flows that start from an email address. Unknown and malformed addresses cost
/// the same password-hash time as real ones and get the same answer, so neither the response
/// nor its timing tells whether an account exists.
/// </summary>
[StatelessWorker]
[GrainType("authentication")]
public sealed class AuthenticationGrain(PasswordHasher passwords, AuditLog audit) : Grain, IAuthenticationGrain
{
    public async Task<SignInResult> SignIn(string email, string password, ClientInfo client)
    {
        var userId = await FindUser(email);
        if (userId is not null) return await GrainFactory.GetGrain<IUserGrain>(userId).SignIn(password, client);

        await passwords.VerifyDecoyAsync(password);
        await audit.RecordAsync(AuditLog.Events.LoginFailed, null, client,
            new { reason = "unknown_email", domain = DomainOf(email) });
        return new SignInResult(SignInOutcome.InvalidCredentials);
    }

    public async Task RequestPasswordReset(string email, ClientInfo client)
    {
        if (await FindUser(email) is { } userId)
            await GrainFactory.GetGrain<IUserGrain>(userId).SendPasswordReset(client);
    }

    private async Task<string?> FindUser(string email)
    {
        var normalized = EmailAddresses.Normalize(email);
        if (!EmailAddresses.IsValid(normalized)) return null;
        return await GrainFactory.GetGrain<IEmailRegistryGrain>(normalized).GetUserId();
    }

    private static string? DomainOf(string email)
    {
        var normalized = EmailAddresses.Normalize(email);
        return EmailAddresses.IsValid(normalized) ? EmailAddresses.Domain(normalized) : null;
    }
}
