using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Media;

namespace ChitLaq.Grains.Abstractions.Moderation;

[GenerateSerializer, Immutable, Alias("chitlaq.moderation.subject")]
public sealed record ReportSubject([property: Id(0)] string Kind, [property: Id(1)] string Id);

/// <summary>The reported content as it was when reported; kept after edits and deletion.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.moderation.snapshot")]
public sealed record ContentSnapshot(
    [property: Id(0)] string? Text,
    [property: Id(1)] IReadOnlyList<MediaInfo> Media,
    [property: Id(2)] string? ConversationId,
    [property: Id(3)] DateTimeOffset? WrittenAt);

[GenerateSerializer, Immutable, Alias("chitlaq.moderation.appeal")]
public sealed record AppealView(
    [property: Id(0)] string Text,
    [property: Id(1)] string Status,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? DecidedAt,
    [property: Id(4)] string? Reason);

/// <summary>API.md "Decision". <see cref="ModeratorId"/> is for moderators' eyes only.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.moderation.decision")]
public sealed record DecisionView(
    [property: Id(0)] string Id,
    [property: Id(1)] UserProfile User,
    [property: Id(2)] string Action,
    [property: Id(3)] string Reason,
    [property: Id(4)] DateTimeOffset? Until,
    [property: Id(5)] string? ReportId,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] AppealView? Appeal,
    [property: Id(8)] string? ModeratorId,
    [property: Id(9)] ReportSubject? RemovedSubject,
    [property: Id(10)] bool Appealable);

/// <summary>API.md "Report", with the moderator-only parts (reporter, reported user, snapshot).</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.moderation.report")]
public sealed record ReportView(
    [property: Id(0)] string Id,
    [property: Id(1)] ReportSubject Subject,
    [property: Id(2)] string Category,
    [property: Id(3)] string Comment,
    [property: Id(4)] string Status,
    [property: Id(5)] UserProfile? Assignee,
    [property: Id(6)] DecisionView? Resolution,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? ResolvedAt,
    [property: Id(9)] UserProfile? Reporter,
    [property: Id(10)] UserProfile? ReportedUser,
    [property: Id(11)] ContentSnapshot Snapshot,
    [property: Id(12)] string? RuleId);

/// <summary>One report with what a moderator needs to judge it: the user's earlier decisions and other open reports about them.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.moderation.report-case")]
public sealed record ReportCase(
    [property: Id(0)] ReportView Report,
    [property: Id(1)] IReadOnlyList<DecisionView> EarlierDecisions,
    [property: Id(2)] IReadOnlyList<ReportView> OtherOpenReports);

[GenerateSerializer, Immutable, Alias("chitlaq.moderation.audit-entry")]
public sealed record AuditEntryView(
    [property: Id(0)] string Id,
    [property: Id(1)] UserProfile? Moderator,
    [property: Id(2)] string Action,
    [property: Id(3)] string Target,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset CreatedAt);

/// <summary>What a report takes from the reported content: who wrote it and what it said.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.moderation.reportable")]
public sealed record ReportableContent(
    [property: Id(0)] string AuthorId,
    [property: Id(1)] ContentSnapshot Snapshot);
