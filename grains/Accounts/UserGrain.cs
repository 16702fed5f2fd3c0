using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Social;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// One account. The rules are split by concern into the partial files beside this one:
/// registration, sign-in and lockout, sessions, email verification, password reset, profile, roles.
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("account")] IPersistentState<UserAccountState> state,
    IOptions<AccountOptions> options,
    IOptions<RefreshLimitOptions> refreshLimit,
    PasswordHasher passwords,
    SessionStore sessions,
    AuditLog audit,
    UserDirectory directory,
    UniversityDomains universities,
    IAccountMailer mailer,
    Moderation.ModerationStore moderation,
    Chat.RealtimeFanout fanout,
    Chat.ChatStore chatStore,
    ChitLaqMetrics metrics,
    Privacy.AccountJobStore jobs,
    IOptions<Privacy.AccountLifecycleOptions> lifecycle,
    Privacy.AccountJobsWakeup jobsWakeup,
    TimeProvider clock) : Grain, IUserGrain
{
    private UserAccountState Account => state.State;
    private AccountOptions Rules => options.Value;
    private string UserId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Heals a directory row that a crash between "state saved" and "row written" left stale.
        if (Account.IsRegistered) await directory.UpsertAsync(UserId, Account);
    }

    public Task<bool> IsRegistered() => Task.FromResult(Account.IsRegistered);

    public Task<bool> HoldsClaims() => Task.FromResult(Account.IsRegistered || Account.ErasedAt is not null);

    public Task<bool> IsEmailVerified() => Task.FromResult(Account.EmailVerifiedAt is not null);

    private async Task SaveAsync()
    {
        Account.UpdatedAt = Now;
        await state.WriteStateAsync();
    }

    /// <summary>Saves, then brings the public directory row up to date.</summary>
    private async Task SaveProfileAsync()
    {
        await SaveAsync();
        await directory.UpsertAsync(UserId, Account);
    }

    /// <summary>The public profile; the counts come from the user's graph grain, which derives them from the tables.</summary>
    private async Task<UserProfile> ProfileAsync()
    {
        var counts = await GrainFactory.GetGrain<IUserGraphGrain>(UserId).GetCounts();
        return new UserProfile(
            UserId, Account.Handle, Account.DisplayName, Account.Bio,
            Account.AvatarUrl,
            Account.University, Account.Major, Account.GraduationYear,
            counts.Followers, counts.Following, counts.Posts, Account.CreatedAt!.Value, Locked: Account.Locked);
    }

    private async Task<MeView> MeAsync()
    {
        var standing = CurrentStanding;
        var state = standing.StateAt(Now);
        return new(await ProfileAsync(), Account.Email, Account.EmailVerifiedAt is not null, Account.Roles.ToArray(),
            state, state == AccountStanding.Active ? null : standing.Until, Account.DefaultAudience);
    }

    private async Task<SignedIn> StartSessionAsync(ClientInfo client, bool deletionCancelled = false)
    {
        var issued = await sessions.StartAsync(UserId, client, Now, Rules.SessionLifetime, Rules.SessionIdleLifetime);
        return await SignedInAsync(issued, deletionCancelled);
    }

    private async Task<SignedIn> SignedInAsync(SessionStore.Issued issued, bool deletionCancelled = false) => new(
        UserId, Account.Handle, Account.Roles.ToArray(), Account.EmailVerifiedAt is not null,
        issued.SessionId, AccountTokens.Compose(UserId, issued.Secret), issued.ExpiresAt, await MeAsync(), Account.TokenEpoch,
        DeletionCancelled: deletionCancelled);

    private PendingToken NewPendingToken(out string token, TimeSpan lifetime)
    {
        var secret = SecretTokens.NewSecret();
        token = AccountTokens.Compose(UserId, secret);
        return new PendingToken { SecretHash = SecretTokens.HashHex(secret), ExpiresAt = Now + lifetime };
    }

    private bool Redeems(PendingToken? pending, string secret) =>
        pending is not null && Now < pending.ExpiresAt && SecretTokens.Matches(secret, pending.SecretHash);
}
