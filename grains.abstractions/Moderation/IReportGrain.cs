using ChitLaq.Grains.Abstractions.Social;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Abstractions.Moderation;

/// <summary>
/// One report (key: its id, derived from reporter and subject so that the same report filed twice
/// lands on the same grain). Owns the report's rules: who may file it, its snapshot, and its life in
/// the moderator queue (assign, resolve with an action, reopen).
/// </summary>
[Alias("chitlaq.moderation.report-grain")]
public interface IReportGrain : IGrainWithStringKey
{
    /// <summary>Files the report; the same reporter and subject again return the first one (Created = false).</summary>
    [Alias("file")] Task<ModerationResult<string>> File(string reporterId, ReportSubject subject, string category, string comment);

    /// <summary>Opened by a server keyword rule that let content through.</summary>
    [Alias("file-automatic")] Task<ModerationResult<string>> FileAutomatic(string ruleId, string phrase, ReportSubject subject);

    [Alias("case"), AlwaysInterleave] Task<ModerationResult<ReportCase>> GetCase(string moderatorId);
    [Alias("assign")] Task<ModerationResult<ReportView>> Assign(string moderatorId);
    [Alias("reopen")] Task<ModerationResult<ReportView>> Reopen(string moderatorId);
    [Alias("resolve")] Task<ModerationResult<ReportView>> Resolve(string moderatorId, string action, string reason, int? durationHours);

    /// <summary>The id a reporter's report of a subject gets (stable; reveals nothing about the reporter).</summary>
    public static string IdFor(string reporterKey, ReportSubject subject)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{reporterKey}\n{subject.Kind}\n{subject.Id}"));
        return "r" + Convert.ToHexStringLower(bytes)[..31];
    }
}

/// <summary>The moderator queue and the audit log, read from the tables (a stateless worker on every silo).</summary>
[Alias("chitlaq.moderation.lists")]
public interface IModerationListsGrain : IGrainWithIntegerKey
{
    /// <summary>Oldest first; a moderator's university only, every university for admins; null when the caller moderates nothing.</summary>
    [Alias("reports")] Task<Page<ReportView>?> Reports(string moderatorId, string? status, string? cursor, int limit);
    [Alias("appeals")] Task<Page<DecisionView>?> PendingAppeals(string moderatorId, string? cursor, int limit);
    [Alias("audit")] Task<Page<AuditEntryView>?> Audit(string moderatorId, string? cursor, int limit);

    /// <summary>Whose decision this is (the user grain that owns it decides its appeal); null when there is none.</summary>
    [Alias("decision-owner")] Task<string?> DecisionOwner(string decisionId);
}
