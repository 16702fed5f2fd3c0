namespace ChitLaq.Grains.Abstractions.Accounts;

/// <summary>
/// A started or renewed session: what the API needs to mint an access token, and the new
/// refresh token (shown to the client once; only its hash is stored).
/// </summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.signed-in")]
public sealed record SignedIn(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Handle,
    [property: Id(2)] IReadOnlyList<string> Roles,
    [property: Id(3)] bool EmailVerified,
    [property: Id(4)] Guid SessionId,
    [property: Id(5)] string RefreshToken,
    [property: Id(6)] DateTimeOffset RefreshTokenExpiresAt,
    [property: Id(7)] MeView Me,
    [property: Id(8)] long TokenEpoch = 0,
    /// <summary>This sign-in cancelled the account's scheduled deletion (API.md "Privacy and account control").</summary>
    [property: Id(9)] bool DeletionCancelled = false);

[GenerateSerializer, Alias("chitlaq.accounts.sign-in-outcome")]
public enum SignInOutcome
{
    SignedIn = 0,
    InvalidCredentials = 1,
    LockedOut = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.sign-in-result")]
public sealed record SignInResult(
    [property: Id(0)] SignInOutcome Outcome,
    [property: Id(1)] SignedIn? Session = null,
    [property: Id(2)] TimeSpan? RetryAfter = null);

public enum RefreshOutcome
{
    Refreshed = 0,
    Invalid = 1,
    /// <summary>The session refreshed too often (<c>RateLimits:Refresh</c>); its token is still good after <c>RetryAfter</c>.</summary>
    Throttled = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.refresh-result")]
public sealed record RefreshResult(
    [property: Id(0)] RefreshOutcome Outcome,
    [property: Id(1)] SignedIn? Session = null,
    [property: Id(2)] TimeSpan? RetryAfter = null);

/// <summary>A session as its owner sees it in "my devices".</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.session-info")]
public sealed record SessionInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset LastUsedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string? UserAgent,
    [property: Id(5)] string? Ip);
