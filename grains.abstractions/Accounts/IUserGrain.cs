using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Abstractions.Social;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>
/// One account (key: user id). The single owner of the account's profile, credentials,
/// sessions, verification and reset tokens, roles and lockout; every rule about them lives here.
/// </summary>
[Alias("chitlaq.accounts.user")]
public interface IUserGrain : IGrainWithStringKey
{
    [Alias("register")] Task<RegistrationResult> Register(RegistrationRequest request);

    /// <summary>Whether this id holds an account (used to recover claims of failed sign-ups).</summary>
    [Alias("is-registered"), AlwaysInterleave] Task<bool> IsRegistered();

    [Alias("is-email-verified"), AlwaysInterleave] Task<bool> IsEmailVerified();

    [Alias("profile"), AlwaysInterleave] Task<UserProfile?> GetProfile();
    [Alias("me")] Task<MeView?> GetMe();
    [Alias("update-profile")] Task<ProfileUpdateResult> UpdateProfile(ProfileChanges changes);

    [Alias("sign-in")] Task<SignInResult> SignIn(string password, ClientInfo client);
    [Alias("refresh-session")] Task<RefreshResult> Refresh(string refreshSecret, ClientInfo client);
    [Alias("sign-out")] Task SignOut(string refreshSecret, ClientInfo client);
    [Alias("sessions")] Task<IReadOnlyList<SessionInfo>> ListSessions();
    [Alias("revoke-session")] Task<bool> RevokeSession(Guid sessionId, ClientInfo client);

    [Alias("verify-email")] Task<VerifyEmailOutcome> VerifyEmail(string secret, ClientInfo client);
    [Alias("resend-verification")] Task<ResendResult> ResendVerification(ClientInfo client);
    [Alias("send-password-reset")] Task SendPasswordReset(ClientInfo client);
    [Alias("reset-password")] Task<PasswordResetResult> ResetPassword(string secret, string newPassword, ClientInfo client);

    [Alias("set-role")] Task<RoleChangeOutcome> SetRole(string role, bool granted, string? actorUserId, ClientInfo client);

    // Moderation (UserGrain.Moderation.cs, UserGrain.Appeals.cs): the account's standing is this grain's to keep.

    /// <summary>The token epoch and any limit, suspension or ban; every request checks a copy of it.</summary>
    [Alias("standing"), AlwaysInterleave] Task<AccountStanding> GetStanding();

    /// <summary>Profile and roles, also while the public profile is hidden (null: no such account).</summary>
    [Alias("facts"), AlwaysInterleave] Task<AccountFacts?> GetFacts();

    /// <summary>Applies a moderator's decision to this account (the moderator's authority is checked here).</summary>
    [Alias("decide")] Task<ModerationResult<DecisionView>> Decide(DecisionRequest request);

    /// <summary>Decisions about this user, newest first (dismissed reports are not decisions about them).</summary>
    [Alias("decisions")] Task<Page<DecisionView>> GetDecisions(string? cursor, int limit);

    // Privacy (UserGrain.Deletion.cs, UserGrain.DataExport.cs): leaving, and taking one's data along.

    /// <summary>Schedules the account's erasure after the grace period; every session ends at once. Signing in before then cancels it.</summary>
    [Alias("request-deletion")] Task<DeletionResult> RequestDeletion(string password, ClientInfo client);

    /// <summary>Asked by the erasure job before it erases anything: from the first "erase" on, the deletion can no longer be cancelled.</summary>
    [Alias("begin-erasure")] Task<ErasureDecision> BeginErasure();

    /// <summary>The last step of an erasure: the account becomes a tombstone that keeps only its handle reserved.</summary>
    [Alias("complete-erasure")] Task CompleteErasure();

    /// <summary>Whether this id holds or held an account: the email and handle claims it made are not abandoned.</summary>
    [Alias("holds-claims"), AlwaysInterleave] Task<bool> HoldsClaims();

    [Alias("request-export")] Task<ExportResult> RequestExport(ClientInfo client);
    [Alias("export"), AlwaysInterleave] Task<DataExportView?> GetExport(string exportId);
    [Alias("exports"), AlwaysInterleave] Task<IReadOnlyList<DataExportView>> ListExports();

    [Alias("appeal")] Task<ModerationResult<DecisionView>> Appeal(string decisionId, string text);
    [Alias("decide-appeal")] Task<ModerationResult<DecisionView>> DecideAppeal(string decisionId, string moderatorId, string outcome, string reason);
}
