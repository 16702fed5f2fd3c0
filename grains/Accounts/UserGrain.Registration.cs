using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    public async Task<RegistrationResult> Register(RegistrationRequest request)
    {
        if (Account.IsRegistered) return new RegistrationResult(RegistrationOutcome.Invalid,
            Errors: new Dictionary<string, string[]> { ["id"] = ["This account already exists."] });

        var email = EmailAddresses.Normalize(request.Email);
        var handle = HandleFormat.Normalize(request.Handle);
        var errors = new FieldErrors();
        CredentialRules.CheckEmail(email, errors);
        CredentialRules.CheckHandle(handle, errors);
        CredentialRules.CheckPassword(request.Password, email, handle, errors);
        var displayName = ProfileRules.CheckDisplayName(request.DisplayName, errors);
        if (errors.Any) return new RegistrationResult(RegistrationOutcome.Invalid, Errors: errors.ToDictionary());

        var domain = EmailAddresses.Domain(email);
        var university = universities.UniversityOf(domain);
        if (university is null) return new RegistrationResult(RegistrationOutcome.EmailDomainNotAllowed);

        // Uniqueness: the registry grains are the single owners of each address and handle.
        var emailRegistry = GrainFactory.GetGrain<IEmailRegistryGrain>(email);
        if (!await emailRegistry.Claim(UserId)) return new RegistrationResult(RegistrationOutcome.EmailTaken);
        var handleRegistry = GrainFactory.GetGrain<IHandleRegistryGrain>(handle);
        try
        {
            if (await handleRegistry.Claim(UserId) != HandleClaimResult.Claimed)
            {
                await emailRegistry.Release(UserId);
                return new RegistrationResult(RegistrationOutcome.HandleTaken);
            }

            Account.CreatedAt = Now;
            Account.Email = email;
            Account.EmailDomain = domain;
            Account.Handle = handle;
            Account.DisplayName = displayName!;
            Account.University = university;
            Account.Roles = [Roles.Student];
            Account.PasswordHash = await passwords.HashAsync(request.Password);
            Account.Verification = NewPendingToken(out var verificationToken, Rules.VerificationTokenLifetime);
            Account.VerificationSentAt = Now;
            await SaveProfileAsync();

            metrics.Registrations.Add(1);
            await audit.RecordAsync(AuditLog.Events.Registered, UserId, request.Client, new { handle, domain });
            await mailer.SendVerificationAsync(email, Account.DisplayName, verificationToken);
            return new RegistrationResult(RegistrationOutcome.Registered, await StartSessionAsync(request.Client));
        }
        catch when (!state.RecordExists)
        {
            // Nothing was saved: give the address and handle back so the user can try again.
            state.State = new UserAccountState();
            await handleRegistry.Release(UserId);
            await emailRegistry.Release(UserId);
            throw;
        }
    }
}
