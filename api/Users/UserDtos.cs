using System.Text.Json.Serialization;
using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Api.Users;

/// <summary>API.md "User". The relation flags are present only when the caller is signed in.</summary>
public sealed record UserDto(
    string Id, string Handle, string DisplayName, string? Bio, string? AvatarUrl, string University,
    string? Major, int? GraduationYear, int FollowersCount, int FollowingCount, int PostsCount, DateTimeOffset CreatedAt, bool Locked)
{
    /// <summary>The caller asked to follow this locked account and waits for its answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? FollowRequested { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsFollowing { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? FollowsYou { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsBlocked { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? IsMuted { get; init; }

    /// <summary>The account was erased: "Deleted account", no handle (present only then, e.g. as the sender of old messages).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public bool Deleted { get; init; }

    public static UserDto From(UserProfile p) => new(
        p.Id, p.Handle, p.DisplayName, p.Bio, p.AvatarUrl, p.University, p.Major, p.GraduationYear,
        p.FollowersCount, p.FollowingCount, p.PostsCount, p.CreatedAt, p.Locked) { Deleted = p.Deleted };
}

/// <summary>API.md "Me": the User fields plus email, emailVerified and roles.</summary>
public sealed record MeDto(
    string Id, string Handle, string DisplayName, string? Bio, string? AvatarUrl, string University,
    string? Major, int? GraduationYear, int FollowersCount, int FollowingCount, int PostsCount, DateTimeOffset CreatedAt,
    string Email, bool EmailVerified, IReadOnlyList<string> Roles, string Standing, DateTimeOffset? StandingUntil, bool Locked, string DefaultAudience)
{
    public static MeDto From(MeView me)
    {
        var p = me.Profile;
        return new MeDto(p.Id, p.Handle, p.DisplayName, p.Bio, p.AvatarUrl, p.University, p.Major, p.GraduationYear,
            p.FollowersCount, p.FollowingCount, p.PostsCount, p.CreatedAt, me.Email, me.EmailVerified, me.Roles, me.Standing, me.StandingUntil, p.Locked, me.DefaultAudience);
    }
}
