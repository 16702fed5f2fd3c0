using System.Text.Json.Serialization;
using ChitLaq.Api.Users;
using ChitLaq.Grains.Abstractions.Media;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Api.Moderation;

public sealed record SubjectDto(string Kind, string Id);

public sealed record SnapshotDto(string? Text, IReadOnlyList<MediaInfo> Media, string? ConversationId, DateTimeOffset? WrittenAt)
{
    public static SnapshotDto From(ContentSnapshot s) => new(s.Text, s.Media, s.ConversationId, s.WrittenAt);
}

public sealed record AppealDto(string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? Reason);

/// <summary>API.md "Decision". <c>moderatorId</c> only in moderators' views.</summary>
public sealed record DecisionDto(
    string Id, UserDto User, string Action, string Reason, DateTimeOffset? Until, string? ReportId, DateTimeOffset CreatedAt, AppealDto? Appeal,
    SubjectDto? RemovedSubject)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ModeratorId { get; init; }

    /// <summary>Whether the user can still appeal it (an addition for clients).</summary>
    public bool Appealable { get; init; }

    public static DecisionDto From(DecisionView d) => new(
        d.Id, UserDto.From(d.User), d.Action, d.Reason, d.Until, d.ReportId, d.CreatedAt,
        d.Appeal is { } a ? new AppealDto(a.Text, a.Status, a.CreatedAt, a.DecidedAt, a.Reason) : null,
        d.RemovedSubject is { } r ? new SubjectDto(r.Kind, r.Id) : null)
    {
        ModeratorId = d.ModeratorId,
        Appealable = d.Appealable,
    };
}

/// <summary>API.md "Report" as moderators see it (reporter, reported user and snapshot included).</summary>
public sealed record ReportDto(
    string Id, SubjectDto Subject, string Category, string Comment, string Status, UserDto? Assignee, DecisionDto? Resolution,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, UserDto? Reporter, UserDto? ReportedUser, SnapshotDto Snapshot, string? RuleId)
{
    public static ReportDto From(ReportView r) => new(
        r.Id, new SubjectDto(r.Subject.Kind, r.Subject.Id), r.Category, r.Comment, r.Status,
        r.Assignee is null ? null : UserDto.From(r.Assignee), r.Resolution is null ? null : DecisionDto.From(r.Resolution),
        r.CreatedAt, r.ResolvedAt, r.Reporter is null ? null : UserDto.From(r.Reporter),
        r.ReportedUser is null ? null : UserDto.From(r.ReportedUser), SnapshotDto.From(r.Snapshot), r.RuleId);
}

/// <summary>One report with the reported user's earlier decisions and their other open reports.</summary>
public sealed record ReportCaseDto(ReportDto Report, IReadOnlyList<DecisionDto> EarlierDecisions, IReadOnlyList<ReportDto> OtherOpenReports);

public sealed record AuditEntryDto(string Id, UserDto? Moderator, string Action, string Target, string Reason, DateTimeOffset CreatedAt)
{
    public static AuditEntryDto From(AuditEntryView a) =>
        new(a.Id, a.Moderator is null ? null : UserDto.From(a.Moderator), a.Action, a.Target, a.Reason, a.CreatedAt);
}
