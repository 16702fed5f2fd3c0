using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    public async Task SendPasswordReset(ClientInfo client)
    {
        if (!Account.IsRegistered) return;
        // Quietly at most one email per interval, so "forgot" cannot be used to flood a mailbox.
        if (Account.PasswordResetSentAt is { } sentAt && Now - sentAt < Rules.EmailResendInterval) return;

        Account.PasswordReset = NewPendingToken(out var token, Rules.ResetTokenLifetime);
        Account.PasswordResetSentAt = Now;
        await SaveAsync();
        await audit.RecordAsync(AuditLog.Events.PasswordResetRequested, UserId, client);
        await mailer.SendPasswordResetAsync(Account.Email, Account.DisplayName, token);
    }

    public async Task<PasswordResetResult> ResetPassword(string secret, string newPassword, ClientInfo client)
    {
        if (!Account.IsRegistered || !Redeems(Account.PasswordReset, secret))
            return new PasswordResetResult(PasswordResetOutcome.InvalidToken);

        var errors = new FieldErrors();
        CredentialRules.CheckPassword(newPassword, Account.Email, Account.Handle, errors);
        if (errors.Any)
        {
            var fields = errors.ToDictionary();
            return new PasswordResetResult(PasswordResetOutcome.Invalid,
                new Dictionary<string, string[]> { ["newPassword"] = fields["password"] });
        }

        Account.PasswordHash = await passwords.HashAsync(newPassword);
        Account.PasswordReset = null;
        Account.RecentFailures.Clear();
        Account.LockedUntil = null;
        await SaveAsync();

        var ended = await sessions.EndAllAsync(UserId, Now, "password_reset");
        await audit.RecordAsync(AuditLog.Events.PasswordReset, UserId, client, new { sessionsRevoked = ended });
        await mailer.SendPasswordChangedAsync(Account.Email, Account.DisplayName);
        return new PasswordResetResult(PasswordResetOutcome.Reset);
    }
}
