namespace ChitLaq.Grains.Abstractions.Moderation;

[GenerateSerializer, Alias("chitlaq.moderation.outcome")]
public enum ModerationOutcome
{
    Done = 0,
    /// <summary>No such thing, or not one the caller may see (404).</summary>
    NotFound = 1,
    /// <summary>Seen, but not the caller's to act on (403).</summary>
    Forbidden = 2,
    Invalid = 3,
    /// <summary>The state does not allow it (already appealed, too late, the same moderator…): 409/422.</summary>
    Conflict = 4,
}

[GenerateSerializer, Immutable, Alias("chitlaq.moderation.result`1")]
public sealed record ModerationResult<T>(
    [property: Id(0)] ModerationOutcome Outcome,
    [property: Id(1)] T? Value = default,
    [property: Id(2)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(3)] bool Created = false,
    [property: Id(4)] string? Detail = null)
{
    public static ModerationResult<T> Done(T value, bool created = false) => new(ModerationOutcome.Done, value, Created: created);
    public static ModerationResult<T> Fail(ModerationOutcome outcome, string? detail = null) => new(outcome, Detail: detail);
    public static ModerationResult<T> Invalid(string field, string message) =>
        new(ModerationOutcome.Invalid, Errors: new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>A decision to apply to a user: by a moderator (directly, through a report or an appeal).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.moderation.decision-request")]
public sealed record DecisionRequest(
    [property: Id(0)] string ModeratorId,
    [property: Id(1)] string Action,
    [property: Id(2)] string Reason,
    [property: Id(3)] int? DurationHours,
    [property: Id(4)] string? ReportId = null,
    [property: Id(5)] ReportSubject? RemovedSubject = null);
