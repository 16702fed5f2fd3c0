namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>The public face of an account (API.md "User", without the viewer-relative flags).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.profile")]
public sealed record UserProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Handle,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? Bio,
    [property: Id(4)] string? AvatarUrl,
    [property: Id(5)] string University,
    [property: Id(6)] string? Major,
    [property: Id(7)] int? GraduationYear,
    [property: Id(8)] int FollowersCount,
    [property: Id(9)] int FollowingCount,
    [property: Id(10)] int PostsCount,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] bool Hidden = false,
    [property: Id(13)] bool Locked = false,
    /// <summary>The account was erased: what is left is "Deleted account" beside the messages it sent.</summary>
    [property: Id(14)] bool Deleted = false)
{
    public const string DeletedDisplayName = "Deleted account";

    /// <summary>What stands in for an erased account (always hidden: only its old messages still show it).</summary>
    public static UserProfile DeletedAccount(string id) =>
        new(id, "", DeletedDisplayName, null, null, "", null, null, 0, 0, 0, DateTimeOffset.UnixEpoch, Hidden: true, Deleted: true);
}

/// <summary>The signed-in user's own view (API.md "Me").</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.me")]
public sealed record MeView(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] string Email,
    [property: Id(2)] bool EmailVerified,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] string Standing = AccountStanding.Active,
    [property: Id(5)] DateTimeOffset? StandingUntil = null,
    [property: Id(6)] string DefaultAudience = Posts.Audiences.Public);

/// <summary>A change to one's own profile; a null member is left as it is, an empty string clears.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.profile-changes")]
public sealed record ProfileChanges(
    [property: Id(0)] string? DisplayName,
    [property: Id(1)] string? Bio,
    [property: Id(2)] string? Major,
    [property: Id(3)] int? GraduationYear,
    [property: Id(4)] string? AvatarMediaId,
    [property: Id(5)] bool? Locked = null,
    [property: Id(6)] string? DefaultAudience = null);

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.profile-update")]
public sealed record ProfileUpdateResult(
    [property: Id(0)] MeView? Me,
    [property: Id(1)] IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool Succeeded => Me is not null;
}
