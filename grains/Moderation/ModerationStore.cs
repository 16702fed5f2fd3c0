using System.Text.Json;
using ChitLaq.Grains.Abstractions.Moderation;
using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Moderation;

/// <summary>
/// The trust-and-safety tables. Reports are written only by their report grain, decisions only by
/// the decided user's grain; the lists read them with the indexes of 0007_trust_and_safety.sql.
/// </summary>
public sealed class ModerationStore(NpgsqlDataSource database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string ReportColumns = """
        report_id, university, reporter_id, rule_id, subject_kind, subject_id, reported_user_id, category, comment, snapshot::text,
        status, assignee_id, decision_id, created_at, resolved_at
        """;

    private const string DecisionColumns = """
        decision_id, user_id, university, action, reason, until, report_id, moderator_id, removed_kind, removed_id, created_at,
        appeal_text, appeal_status, appealed_at, appeal_decided_at, appeal_moderator_id, appeal_reason
        """;

    // Reports

    /// <returns>false when the report already existed (it is then left as it is).</returns>
    public async Task<bool> InsertReportAsync(ReportRow report)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO reports (report_id, university, reporter_id, rule_id, subject_kind, subject_id, reported_user_id, category, comment,
                                 snapshot, status, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
            ON CONFLICT (report_id) DO NOTHING
            """);
        Add(command, report.Id, report.University, report.ReporterId, report.RuleId, report.Subject.Kind, report.Subject.Id,
            report.ReportedUserId, report.Category, report.Comment, JsonSerializer.Serialize(report.Snapshot, Json), report.Status, report.CreatedAt);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<ReportRow?> LoadReportAsync(string reportId) =>
        (await ReportsAsync($"SELECT {ReportColumns} FROM reports WHERE report_id = $1", reportId)).SingleOrDefault();

    public Task UpdateReportAsync(string reportId, string status, string? assigneeId, string? decisionId, DateTimeOffset? resolvedAt) =>
        ExecuteAsync("UPDATE reports SET status = $2, assignee_id = $3, decision_id = $4, resolved_at = $5 WHERE report_id = $1",
            reportId, status, assigneeId, decisionId, resolvedAt);

    /// <summary>Oldest first from <paramref name="after"/>; null university: all; null status: every open or assigned one.</summary>
    public Task<List<ReportRow>> QueueAsync(string? university, string? status, (DateTimeOffset At, string Id)? after, int limit)
    {
        var statuses = status is null ? new[] { ReportStatuses.Open, ReportStatuses.Assigned } : [status];
        return ReportsAsync($"""
            SELECT {ReportColumns} FROM reports
            WHERE ($1::text IS NULL OR university = $1) AND status = ANY($2) AND (created_at, report_id) > ($3, $4)
            ORDER BY created_at, report_id LIMIT $5
            """, university, statuses, after?.At ?? DateTimeOffset.MinValue, after?.Id ?? "", limit + 1);
    }

    public Task<List<ReportRow>> OpenReportsAboutAsync(string userId, string exceptReportId, int limit) =>
        ReportsAsync($"""
            SELECT {ReportColumns} FROM reports
            WHERE reported_user_id = $1 AND status <> 'resolved' AND report_id <> $2 ORDER BY created_at LIMIT $3
            """, userId, exceptReportId, limit);

    // Decisions

    public Task InsertDecisionAsync(DecisionRow decision) =>
        ExecuteAsync("""
            INSERT INTO moderation_decisions (decision_id, user_id, university, action, reason, until, report_id, moderator_id, removed_kind, removed_id, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, decision.Id, decision.UserId, decision.University, decision.Action, decision.Reason, decision.Until, decision.ReportId,
            decision.ModeratorId, decision.Removed?.Kind, decision.Removed?.Id, decision.CreatedAt);

    public async Task<DecisionRow?> LoadDecisionAsync(string decisionId) =>
        (await DecisionsAsync($"SELECT {DecisionColumns} FROM moderation_decisions WHERE decision_id = $1", decisionId)).SingleOrDefault();

    public Task<List<DecisionRow>> LoadDecisionsAsync(string[] decisionIds) =>
        DecisionsAsync($"SELECT {DecisionColumns} FROM moderation_decisions WHERE decision_id = ANY($1)", [decisionIds]);

    /// <summary>Newest first, older than <paramref name="beforeId"/>; one more than asked.</summary>
    public Task<List<DecisionRow>> DecisionsOfAsync(string userId, string? beforeId, int limit, bool includeDismissed) =>
        DecisionsAsync($"""
            SELECT {DecisionColumns} FROM moderation_decisions
            WHERE user_id = $1 AND decision_id < $2 AND ($3 OR action <> 'dismissed') ORDER BY decision_id DESC LIMIT $4
            """, userId, beforeId ?? "g", includeDismissed, limit + 1);

    public Task SaveAppealAsync(string decisionId, string text, DateTimeOffset at) =>
        ExecuteAsync("UPDATE moderation_decisions SET appeal_text = $2, appeal_status = 'pending', appealed_at = $3 WHERE decision_id = $1 AND appeal_status IS NULL",
            decisionId, text, at);

    public Task DecideAppealAsync(string decisionId, string outcome, string moderatorId, string reason, DateTimeOffset at) =>
        ExecuteAsync("""
            UPDATE moderation_decisions SET appeal_status = $2, appeal_moderator_id = $3, appeal_reason = $4, appeal_decided_at = $5
            WHERE decision_id = $1 AND appeal_status = 'pending'
            """, decisionId, outcome, moderatorId, reason, at);

    public Task<List<DecisionRow>> PendingAppealsAsync(string? university, (DateTimeOffset At, string Id)? after, int limit) =>
        DecisionsAsync($"""
            SELECT {DecisionColumns} FROM moderation_decisions
            WHERE appeal_status = 'pending' AND ($1::text IS NULL OR university = $1) AND (appealed_at, decision_id) > ($2, $3)
            ORDER BY appealed_at, decision_id LIMIT $4
            """, university, after?.At ?? DateTimeOffset.MinValue, after?.Id ?? "", limit + 1);

    // Keyword rules

    public sealed record RuleRow(string Id, string Phrase, bool WholeWord, string Action, string CreatedBy, DateTimeOffset CreatedAt);

    /// <summary>Every rule, oldest first (the set is small: it is read whole by each node's rule book).</summary>
    public async Task<List<RuleRow>> LoadRulesAsync()
    {
        await using var command = database.CreateCommand(
            "SELECT rule_id, phrase, whole_word, action, created_by, created_at FROM keyword_rules ORDER BY created_at, rule_id");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<RuleRow>();
        while (await reader.ReadAsync()) rows.Add(Rule(reader));
        return rows;
    }

    private static RuleRow Rule(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5));

    public Task InsertRuleAsync(RuleRow rule) =>
        ExecuteAsync("INSERT INTO keyword_rules (rule_id, phrase, whole_word, action, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            rule.Id, rule.Phrase, rule.WholeWord, rule.Action, rule.CreatedBy, rule.CreatedAt);

    public async Task<RuleRow?> DeleteRuleAsync(string ruleId)
    {
        await using var command = database.CreateCommand(
            "DELETE FROM keyword_rules WHERE rule_id = $1 RETURNING rule_id, phrase, whole_word, action, created_by, created_at");
        Add(command, ruleId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Rule(reader) : null;
    }

    // Audit

    public Task AuditAsync(string moderatorId, string university, string action, string target, string reason, DateTimeOffset at) =>
        ExecuteAsync("INSERT INTO moderation_audit (moderator_id, university, action, target, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            moderatorId, university, action, target, reason, at);

    /// <summary>Newest first, below <paramref name="beforeId"/>; one more than asked.</summary>
    public async Task<List<AuditRow>> AuditPageAsync(string? university, long? beforeId, int limit)
    {
        await using var command = database.CreateCommand("""
            SELECT audit_id, moderator_id, action, target, reason, created_at FROM moderation_audit
            WHERE ($1::text IS NULL OR university = $1) AND audit_id < $2 ORDER BY audit_id DESC LIMIT $3
            """);
        Add(command, university, beforeId ?? long.MaxValue, limit + 1);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
            rows.Add(new AuditRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        return rows;
    }

    private async Task<List<ReportRow>> ReportsAsync(string sql, params object?[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ReportRow>();
        while (await reader.ReadAsync())
            rows.Add(new ReportRow(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3),
                new ReportSubject(reader.GetString(4), reader.GetString(5)), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                JsonSerializer.Deserialize<ContentSnapshot>(reader.GetString(9), Json)!, reader.GetString(10), Text(reader, 11), Text(reader, 12),
                reader.GetFieldValue<DateTimeOffset>(13), Time(reader, 14)));
        return rows;
    }

    private async Task<List<DecisionRow>> DecisionsAsync(string sql, params object?[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<DecisionRow>();
        while (await reader.ReadAsync())
            rows.Add(new DecisionRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Time(reader, 5), Text(reader, 6), reader.GetString(7),
                Text(reader, 8) is { } kind ? new ReportSubject(kind, reader.GetString(9)) : null, reader.GetFieldValue<DateTimeOffset>(10),
                Text(reader, 11), Text(reader, 12), Time(reader, 13), Time(reader, 14), Text(reader, 15), Text(reader, 16)));
        return rows;
    }

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);

    private async Task ExecuteAsync(string sql, params object?[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
            command.Parameters.Add(value switch
            {
                // Untyped: the server infers the column's type (explicit casts where it cannot).
                null => new NpgsqlParameter { Value = DBNull.Value },
                string[] texts => new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                _ => new NpgsqlParameter { Value = value },
            });
    }
}
