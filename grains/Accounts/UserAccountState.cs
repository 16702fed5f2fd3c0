namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Everything one account owns that is bounded in size. Secrets are kept only as hashes.
/// Sessions and the audit trail grow without bound and live in tables instead.
/// </summary>
[GenerateSerializer, Alias("chitlaq.accounts.user-state")]
public sealed class UserAccountState
{
    [Id(0)] public DateTimeOffset? CreatedAt { get; set; }
    [Id(1)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(2)] public string Email { get; set; } = "";
    [Id(3)] public string EmailDomain { get; set; } = "";
    [Id(4)] public DateTimeOffset? EmailVerifiedAt { get; set; }
    [Id(5)] public string Handle { get; set; } = "";
    [Id(6)] public string DisplayName { get; set; } = "";
    [Id(7)] public string? Bio { get; set; }
    [Id(8)] public string? AvatarMediaId { get; set; }
    [Id(9)] public string University { get; set; } = "";
    [Id(10)] public string? Major { get; set; }
    [Id(11)] public int? GraduationYear { get; set; }
    [Id(12)] public List<string> Roles { get; set; } = [];
    [Id(13)] public string PasswordHash { get; set; } = "";

    // Ids 14–16 held counters before the social graph derived them from the tables; not reused.

    [Id(17)] public PendingToken? Verification { get; set; }
    [Id(18)] public DateTimeOffset? VerificationSentAt { get; set; }
    [Id(19)] public PendingToken? PasswordReset { get; set; }
    [Id(20)] public DateTimeOffset? PasswordResetSentAt { get; set; }

    /// <summary>Failed sign-ins inside the lockout window, oldest first (at most the failure limit).</summary>
    [Id(21)] public List<DateTimeOffset> RecentFailures { get; set; } = [];
    [Id(22)] public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Where the avatar (the feed-sized variant of <see cref="AvatarMediaId"/>) is served.</summary>
    [Id(23)] public string? AvatarUrl { get; set; }

    // Standing with the moderators (UserGrain.Moderation.cs).
    [Id(24)] public string Standing { get; set; } = Abstractions.Accounts.AccountStanding.Active;
    [Id(25)] public DateTimeOffset? StandingUntil { get; set; }
    /// <summary>The decision that set the standing (an overturned appeal of it restores good standing).</summary>
    [Id(26)] public string? StandingDecisionId { get; set; }
    /// <summary>Access tokens minted in an earlier epoch stop working; raised by a suspension or ban.</summary>
    [Id(27)] public long TokenEpoch { get; set; }

    /// <summary>API.md "User.locked": posts for approved followers only; following takes a request.</summary>
    [Id(28)] public bool Locked { get; set; }

    /// <summary>The audience the composer starts with (API.md "Post.audience").</summary>
    [Id(29)] public string DefaultAudience { get; set; } = Abstractions.Posts.Audiences.Public;

    // Deletion (UserGrain.Deletion.cs): asked for, then erased after the grace period.
    [Id(30)] public DateTimeOffset? DeletionRequestedAt { get; set; }
    /// <summary>When the erasure may start; signing in before it has started cancels the deletion.</summary>
    [Id(31)] public DateTimeOffset? EraseAt { get; set; }
    /// <summary>Set by the first step of the erasure: from then on nothing cancels it.</summary>
    [Id(32)] public DateTimeOffset? ErasureStartedAt { get; set; }
    /// <summary>The account was erased: this state is a tombstone that keeps the handle reserved.</summary>
    [Id(33)] public DateTimeOffset? ErasedAt { get; set; }

    /// <summary>An account that exists (not erased).</summary>
    public bool IsRegistered => CreatedAt is not null;

    public bool DeletionPending => EraseAt is not null && ErasedAt is null;
}

/// <summary>A single-use emailed token: the hash of its secret and when it stops working.</summary>
[GenerateSerializer, Alias("chitlaq.accounts.pending-token")]
public sealed class PendingToken
{
    [Id(0)] public string SecretHash { get; set; } = "";
    [Id(1)] public DateTimeOffset ExpiresAt { get; set; }
}
