using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Grains.Moderation;

/// <summary>A row of <c>reports</c>.</summary>
public sealed record ReportRow(
    string Id, string University, string? ReporterId, string? RuleId, ReportSubject Subject, string ReportedUserId,
    string Category, string Comment, ContentSnapshot Snapshot, string Status, string? AssigneeId, string? DecisionId,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

/// <summary>A row of <c>moderation_decisions</c>.</summary>
public sealed record DecisionRow(
    string Id, string UserId, string University, string Action, string Reason, DateTimeOffset? Until, string? ReportId,
    string ModeratorId, ReportSubject? Removed, DateTimeOffset CreatedAt,
    string? AppealText, string? AppealStatus, DateTimeOffset? AppealedAt, DateTimeOffset? AppealDecidedAt,
    string? AppealModeratorId, string? AppealReason);

public sealed record AuditRow(long Id, string ModeratorId, string Action, string Target, string Reason, DateTimeOffset CreatedAt);
