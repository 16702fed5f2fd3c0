using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

public sealed partial class UserGrain
{
    public async Task<SignInResult> SignIn(string password, ClientInfo client)
    {
        if (!Account.IsRegistered || Account.ErasureStartedAt is not null)
        {
            // An account being erased is gone for its owner: the same answer as an unknown one.
            await passwords.VerifyDecoyAsync(password);
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }

        if (Account.LockedUntil is { } lockedUntil && lockedUntil > Now)
        {
            await audit.RecordAsync(AuditLog.Events.LoginFailed, UserId, client, new { reason = "locked" });
            return new SignInResult(SignInOutcome.LockedOut, RetryAfter: lockedUntil - Now);
        }

        var (matches, needsRehash) = await passwords.VerifyAsync(Account.PasswordHash, password);
        if (!matches) return await RecordFailureAsync(client);

        var changed = Account.RecentFailures.Count > 0 || Account.LockedUntil is not null || needsRehash;
        Account.RecentFailures.Clear();
        Account.LockedUntil = null;
        if (needsRehash) Account.PasswordHash = await passwords.HashAsync(password);
        if (changed) await SaveAsync();

        var deletionCancelled = Account.DeletionPending && await CancelDeletionAsync(client);
        metrics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "signed_in"));
        var session = await StartSessionAsync(client, deletionCancelled);
        await audit.RecordAsync(AuditLog.Events.LoginSucceeded, UserId, client, new { session = session.SessionId, rehashed = needsRehash });
        return new SignInResult(SignInOutcome.SignedIn, session);
    }

    /// <summary>Counts a failure inside the window; the failure that reaches the limit locks the account.</summary>
    private async Task<SignInResult> RecordFailureAsync(ClientInfo client)
    {
        var lockout = Rules.Lockout;
        Account.RecentFailures.RemoveAll(at => at <= Now - lockout.Window);
        Account.RecentFailures.Add(Now);
        var locks = Account.RecentFailures.Count >= lockout.MaxFailures;
        if (locks)
        {
            Account.LockedUntil = Now + lockout.Duration;
            Account.RecentFailures.Clear();
        }
        await SaveAsync();

        metrics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", "wrong_password"));
        await audit.RecordAsync(AuditLog.Events.LoginFailed, UserId, client, new { reason = "wrong_password" });
        if (!locks) return new SignInResult(SignInOutcome.InvalidCredentials);

        await audit.RecordAsync(AuditLog.Events.AccountLocked, UserId, client, new { until = Account.LockedUntil });
        return new SignInResult(SignInOutcome.LockedOut, RetryAfter: lockout.Duration);
    }
}
