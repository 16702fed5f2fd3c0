using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    public async Task<VerifyEmailOutcome> VerifyEmail(string secret, ClientInfo client)
    {
        if (!Account.IsRegistered || !Redeems(Account.Verification, secret)) return VerifyEmailOutcome.InvalidToken;

        Account.EmailVerifiedAt = Now;
        Account.Verification = null;
        var becomesAdmin = Rules.AdminEmails.Any(admin => EmailAddresses.Normalize(admin) == Account.Email)
                           && !Account.Roles.Contains(Roles.Admin);
        if (becomesAdmin) Account.Roles.Add(Roles.Admin);
        await SaveProfileAsync();

        await audit.RecordAsync(AuditLog.Events.EmailVerified, UserId, client);
        if (becomesAdmin)
            await audit.RecordAsync(AuditLog.Events.RoleGranted, UserId, client, new { role = Roles.Admin, by = "config:Auth:AdminEmails" });
        return VerifyEmailOutcome.Verified;
    }

    public async Task<ResendResult> ResendVerification(ClientInfo client)
    {
        if (!Account.IsRegistered) return new ResendResult(ResendOutcome.NotFound);
        if (Account.EmailVerifiedAt is not null) return new ResendResult(ResendOutcome.AlreadyVerified);
        if (Account.VerificationSentAt is { } sentAt && Now - sentAt < Rules.EmailResendInterval)
            return new ResendResult(ResendOutcome.Throttled, Rules.EmailResendInterval - (Now - sentAt));

        // A new token replaces the old one: only the latest email's link works.
        Account.Verification = NewPendingToken(out var token, Rules.VerificationTokenLifetime);
        Account.VerificationSentAt = Now;
        await SaveAsync();
        await mailer.SendVerificationAsync(Account.Email, Account.DisplayName, token);
        return new ResendResult(ResendOutcome.Sent);
    }
}
