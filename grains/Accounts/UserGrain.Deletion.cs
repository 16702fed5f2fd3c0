using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Deleting one's account (API.md "Privacy and account control"). A request, confirmed with the
/// password, ends every session at once and hides the profile; the erasure job comes due after
/// <c>Accounts:DeletionGrace</c>. Signing in before the erasure starts cancels everything. This
/// grain is the arbiter between a sign-in and the job, so the two can never both win.
/// </summary>
public sealed partial class UserGrain
{
    public async Task<DeletionResult> RequestDeletion(string password, ClientInfo client)
    {
        if (!Account.IsRegistered || Account.ErasureStartedAt is not null) return new DeletionResult(DeletionOutcome.NotFound);
        if (Account.LockedUntil is { } lockedUntil && lockedUntil > Now) return new DeletionResult(DeletionOutcome.LockedOut, RetryAfter: lockedUntil - Now);
        var (matches, _) = await passwords.VerifyAsync(Account.PasswordHash, password);
        if (!matches)
        {
            // A stolen session must not be able to guess the password here any faster than at sign-in.
            var failure = await RecordFailureAsync(client);
            return failure.Outcome == SignInOutcome.LockedOut
                ? new DeletionResult(DeletionOutcome.LockedOut, RetryAfter: failure.RetryAfter)
                : new DeletionResult(DeletionOutcome.WrongPassword);
        }

        var eraseAt = Now + lifecycle.Value.DeletionGrace;
        // The job first: if the node dies before the state is saved, the job finds no deletion here and voids itself.
        await jobs.ScheduleDeletionAsync(UserId, Now, eraseAt);
        Account.DeletionRequestedAt = Now;
        Account.EraseAt = eraseAt;
        Account.TokenEpoch++; // every access token of every device stops working
        await SaveProfileAsync();
        await sessions.EndAllAsync(UserId, Now, "account_deletion");
        await GrainFactory.GetGrain<Abstractions.Push.IPushGrain>(UserId).ForgetDevices(); // a signed-out phone is not pushed either
        // Every node refuses the old tokens from now and closes the account's hub connections.
        await fanout.BroadcastStandingAsync(UserId, CurrentStanding);
        await audit.RecordAsync(AuditLog.Events.DeletionRequested, UserId, client, new { eraseAt });
        await mailer.SendDeletionScheduledAsync(Account.Email, Account.DisplayName, eraseAt);
        jobsWakeup.Wake();
        return new DeletionResult(DeletionOutcome.Scheduled, eraseAt);
    }

    /// <summary>The owner signed in during the grace period: the account is theirs again, nothing was lost.</summary>
    private async Task<bool> CancelDeletionAsync(ClientInfo client)
    {
        Account.DeletionRequestedAt = null;
        Account.EraseAt = null;
        await SaveProfileAsync();
        // After the state: a job left behind by a crash here finds no deletion and voids itself.
        await jobs.CancelDeletionAsync(UserId);
        await audit.RecordAsync(AuditLog.Events.DeletionCancelled, UserId, client);
        return true;
    }

    public async Task<ErasureDecision> BeginErasure()
    {
        if (Account.ErasedAt is not null || Account.ErasureStartedAt is not null) return new ErasureDecision(ErasurePermit.Erase);
        if (!Account.IsRegistered || Account.EraseAt is not { } eraseAt) return new ErasureDecision(ErasurePermit.Cancelled);
        if (Now < eraseAt) return new ErasureDecision(ErasurePermit.NotYet, eraseAt);
        Account.ErasureStartedAt = Now;
        await SaveAsync();
        return new ErasureDecision(ErasurePermit.Erase);
    }

    public async Task CompleteErasure()
    {
        if (Account.ErasedAt is null)
        {
            if (Account.ErasureStartedAt is null) throw new InvalidOperationException($"The erasure of {UserId} was not begun.");
            // The address first: if the node dies right after, the account is still erasing and the next attempt releases it again.
            if (Account.Email.Length > 0) await GrainFactory.GetGrain<IEmailRegistryGrain>(Account.Email).Release(UserId);
            state.State = new UserAccountState
            {
                Handle = Account.Handle, // stays reserved: nobody else can take it and be mistaken for them
                ErasedAt = Now,
                TokenEpoch = Account.TokenEpoch + 1,
            };
            await SaveAsync();
            await audit.RecordAsync(AuditLog.Events.AccountErased, UserId, ClientInfo.Unknown);
        }
        await directory.DeleteAsync(UserId);
        await fanout.BroadcastStandingAsync(UserId, CurrentStanding);
    }
}
