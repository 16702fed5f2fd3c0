using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Grains.Moderation;

/// <summary>
/// One report: filed once (a second filing by the same reporter returns it), then moved through
/// the queue by moderators of the reported user's university. Its row in <c>reports</c> is loaded
/// on activation and written only here. The action of a resolution is applied by the reported
/// user's grain, which owns the account's standing.
/// </summary>
[GrainType("report")]
public sealed class ReportGrain(ModerationStore store, ReportSubjects subjects, ModerationViewBuilder views, TimeProvider clock)
    : Grain, IReportGrain
{
    public const int MaxComment = 1000;
    public const int MaxReason = 1000;
    private const int OtherReportsShown = 20;
    private const int EarlierDecisionsShown = 20;

    private ReportRow? _row;

    private string ReportId => this.GetPrimaryKeyString();
    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => _row = await store.LoadReportAsync(ReportId);

    public async Task<ModerationResult<string>> File(string reporterId, ReportSubject subject, string category, string comment)
    {
        if (IReportGrain.IdFor(reporterId, subject) != ReportId) return ModerationResult<string>.Invalid("subject", "This report id does not match.");
        if (_row is not null) return ModerationResult<string>.Done(ReportId);
        if (!SubjectKinds.All.Contains(subject.Kind))
            return ModerationResult<string>.Invalid("subject.kind", "Report a post, message, user or conversation.");
        if (!ReportCategories.All.Contains(category))
            return ModerationResult<string>.Invalid("category", "Choose one of: " + string.Join(", ", ReportCategories.All) + ".");
        if (comment.Length > MaxComment) return ModerationResult<string>.Invalid("comment", $"Write at most {MaxComment} characters.");

        if (await subjects.ResolveAsync(reporterId, subject) is not { } content) return ModerationResult<string>.Fail(ModerationOutcome.NotFound);
        if (content.AuthorId == reporterId) return ModerationResult<string>.Invalid("subject", "You cannot report yourself.");
        return await InsertAsync(reporterId, null, subject, content, category, comment.Trim());
    }

    public async Task<ModerationResult<string>> FileAutomatic(string ruleId, string phrase, ReportSubject subject)
    {
        if (_row is not null) return ModerationResult<string>.Done(ReportId);
        if (await subjects.ResolveAsync(null, subject) is not { } content) return ModerationResult<string>.Fail(ModerationOutcome.NotFound);
        return await InsertAsync(null, ruleId, subject, content, "other", $"Matched the server keyword rule \"{phrase}\".");
    }

    private async Task<ModerationResult<string>> InsertAsync(string? reporterId, string? ruleId, ReportSubject subject, ReportableContent content,
        string category, string comment)
    {
        if (await GrainFactory.GetGrain<IUserGrain>(content.AuthorId).GetFacts() is not { } author)
            return ModerationResult<string>.Fail(ModerationOutcome.NotFound);
        var row = new ReportRow(ReportId, author.University, reporterId, ruleId, subject, content.AuthorId, category, comment, content.Snapshot,
            ReportStatuses.Open, null, null, Now, null);
        await store.InsertReportAsync(row);
        _row = row;
        return ModerationResult<string>.Done(ReportId, created: true);
    }

    public async Task<ModerationResult<ReportCase>> GetCase(string moderatorId)
    {
        if (await Authorize(moderatorId) is { } refused) return ModerationResult<ReportCase>.Fail(refused);
        var report = (await views.ReportsAsync([_row!]))[0];
        var earlier = await views.DecisionsAsync(
            (await store.DecisionsOfAsync(_row!.ReportedUserId, null, EarlierDecisionsShown, includeDismissed: true)).Take(EarlierDecisionsShown).ToList(),
            forModerators: true);
        var others = await views.ReportsAsync(await store.OpenReportsAboutAsync(_row.ReportedUserId, ReportId, OtherReportsShown));
        return ModerationResult<ReportCase>.Done(new ReportCase(report, earlier, others));
    }

    public async Task<ModerationResult<ReportView>> Assign(string moderatorId)
    {
        if (await Authorize(moderatorId) is { } refused) return ModerationResult<ReportView>.Fail(refused);
        if (_row!.Status == ReportStatuses.Resolved) return ModerationResult<ReportView>.Fail(ModerationOutcome.Conflict, "Reopen the report first.");
        return await ChangeAsync(moderatorId, "report_assigned", "", _row with { Status = ReportStatuses.Assigned, AssigneeId = moderatorId });
    }

    public async Task<ModerationResult<ReportView>> Reopen(string moderatorId)
    {
        if (await Authorize(moderatorId) is { } refused) return ModerationResult<ReportView>.Fail(refused);
        if (_row!.Status == ReportStatuses.Open) return ModerationResult<ReportView>.Done((await views.ReportsAsync([_row]))[0]);
        // The earlier decision stays in force (lift it to undo it); the report is judged afresh.
        return await ChangeAsync(moderatorId, "report_reopened", "",
            _row with { Status = ReportStatuses.Open, AssigneeId = null, DecisionId = null, ResolvedAt = null });
    }

    public async Task<ModerationResult<ReportView>> Resolve(string moderatorId, string action, string reason, int? durationHours)
    {
        if (await Authorize(moderatorId) is { } refused) return ModerationResult<ReportView>.Fail(refused);
        if (_row!.Status == ReportStatuses.Resolved) return ModerationResult<ReportView>.Fail(ModerationOutcome.Conflict, "The report is already resolved.");
        if (action == DecisionActions.Lifted || !DecisionActions.All.Contains(action))
            return ModerationResult<ReportView>.Invalid("action", "Resolve with content_removed, warning, limit, suspension, ban or dismissed.");
        if (action == DecisionActions.ContentRemoved && _row.Subject.Kind is not (SubjectKinds.Post or SubjectKinds.Message))
            return ModerationResult<ReportView>.Invalid("action", "Only a reported post or message can be removed.");

        var decided = await GrainFactory.GetGrain<IUserGrain>(_row.ReportedUserId).Decide(new DecisionRequest(
            moderatorId, action, reason, durationHours, ReportId, action == DecisionActions.ContentRemoved ? _row.Subject : null));
        if (decided.Outcome != ModerationOutcome.Done)
            return new ModerationResult<ReportView>(decided.Outcome, Errors: decided.Errors, Detail: decided.Detail);

        var resolved = _row with { Status = ReportStatuses.Resolved, AssigneeId = _row.AssigneeId ?? moderatorId, DecisionId = decided.Value!.Id, ResolvedAt = Now };
        await store.UpdateReportAsync(ReportId, resolved.Status, resolved.AssigneeId, resolved.DecisionId, resolved.ResolvedAt);
        _row = resolved;
        return ModerationResult<ReportView>.Done((await views.ReportsAsync([_row]))[0]);
    }

    private async Task<ModerationResult<ReportView>> ChangeAsync(string moderatorId, string auditAction, string reason, ReportRow changed)
    {
        await store.UpdateReportAsync(ReportId, changed.Status, changed.AssigneeId, changed.DecisionId, changed.ResolvedAt);
        _row = changed;
        await store.AuditAsync(moderatorId, changed.University, auditAction, "report:" + ReportId, reason, Now);
        return ModerationResult<ReportView>.Done((await views.ReportsAsync([_row]))[0]);
    }

    /// <returns>null when the moderator may handle this report; otherwise why not.</returns>
    private async Task<ModerationOutcome?> Authorize(string moderatorId)
    {
        if (_row is null) return ModerationOutcome.NotFound;
        var moderator = await ModeratorAuthority.ModeratorAsync(GrainFactory, moderatorId);
        return moderator is not null && ModeratorAuthority.Covers(moderator, _row.University) ? null : ModerationOutcome.Forbidden;
    }
}
