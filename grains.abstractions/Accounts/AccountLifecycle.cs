namespace ChitLaq.Grains.Abstractions.Accounts;

// API.md "Privacy and account control": taking one's data along (export) and leaving (deletion).

[GenerateSerializer, Alias("chitlaq.accounts.deletion-outcome")]
public enum DeletionOutcome
{
    Scheduled = 0,
    /// <summary>The password was wrong (it counts towards the account's lockout like a failed sign-in).</summary>
    WrongPassword = 1,
    LockedOut = 2,
    NotFound = 3,
}

/// <summary>What <c>DELETE /users/me</c> answers: when the account will be erased unless its owner signs in before.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.deletion-result")]
public sealed record DeletionResult(
    [property: Id(0)] DeletionOutcome Outcome,
    [property: Id(1)] DateTimeOffset? EraseAt = null,
    [property: Id(2)] TimeSpan? RetryAfter = null);

/// <summary>Where one step of a durable erasure stands (<see cref="IUserGrain.BeginErasure"/>).</summary>
[GenerateSerializer, Alias("chitlaq.accounts.erasure-permit")]
public enum ErasurePermit
{
    /// <summary>The grace period is over and the owner did not come back: erase.</summary>
    Erase = 0,
    /// <summary>The owner signed in again (or never asked): the job is void.</summary>
    Cancelled = 1,
    /// <summary>The grace period has not ended yet (the job came due early): look again at <c>EraseAt</c>.</summary>
    NotYet = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.erasure-decision")]
public sealed record ErasureDecision(
    [property: Id(0)] ErasurePermit Permit,
    [property: Id(1)] DateTimeOffset? EraseAt = null);

public static class ExportStatuses
{
    /// <summary>Queued or being built.</summary>
    public const string Pending = "pending";
    public const string Ready = "ready";
    /// <summary>Gave up after several attempts; the student may ask again at once.</summary>
    public const string Failed = "failed";
    /// <summary>The download period ended and the archive was deleted.</summary>
    public const string Expired = "expired";
}

/// <summary>API.md <c>GET /me/export/{id}</c>.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.accounts.data-export")]
public sealed record DataExportView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset RequestedAt,
    [property: Id(3)] DateTimeOffset? ReadyAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] long? Bytes,
    /// <summary>Where the archive is kept while it is ready (never shown to clients).</summary>
    [property: Id(6)] string? ArchiveKey);

[GenerateSerializer, Alias("chitlaq.accounts.export-outcome")]
public enum ExportOutcome
{
    Accepted = 0,
    /// <summary>At most one export a day: <c>Export</c> is the latest, <c>RetryAfter</c> when the next may be asked for.</summary>
    TooSoon = 1,
    NotFound = 2,
}

[GenerateSerializer, Immutable, Alias("chitlaq.accounts.export-result")]
public sealed record ExportResult(
    [property: Id(0)] ExportOutcome Outcome,
    [property: Id(1)] DataExportView? Export = null,
    [property: Id(2)] TimeSpan? RetryAfter = null);
