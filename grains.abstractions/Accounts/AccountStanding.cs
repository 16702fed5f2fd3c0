namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>
/// Where an account stands with the moderators, as every request checks it: the token epoch (an
/// access token minted before the current epoch no longer works) and any limit, suspension or ban
/// in force. Nodes keep a copy per user and are told when it changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.standing")]
public sealed record AccountStanding(
    [property: Id(0)] long TokenEpoch,
    [property: Id(1)] string State,
    [property: Id(2)] DateTimeOffset? Until)
{
    public const string Active = "active";
    public const string Limited = "limited";
    public const string Suspended = "suspended";
    public const string Banned = "banned";

    public static readonly AccountStanding Good = new(0, Active, null);

    /// <summary>The state in force at <paramref name="now"/> (a limit or suspension ends by itself).</summary>
    public string StateAt(DateTimeOffset now) => Until is { } until && until <= now ? Active : State;

    public bool IsRestrictedAt(DateTimeOffset now) => StateAt(now) is Suspended or Banned;

    public bool IsLimitedAt(DateTimeOffset now) => StateAt(now) is Limited;
}

/// <summary>What moderation needs to know about an account (also while its profile is hidden).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.facts")]
public sealed record AccountFacts(
    [property: Id(0)] UserProfile Profile,
    [property: Id(1)] IReadOnlyList<string> Roles)
{
    public bool IsAdmin => Roles.Contains(Accounts.Roles.Admin);
    public bool IsModerator => IsAdmin || Roles.Contains(Accounts.Roles.Moderator);
    public string University => Profile.University;
}
