using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Moderation;

namespace ChitLaq.Grains.Moderation;

/// <summary>Turns report, decision and audit rows into what moderators and users see (with profiles, also hidden ones).</summary>
public sealed class ModerationViewBuilder(IGrainFactory grains, ModerationStore store, TimeProvider clock)
{
    public async Task<Dictionary<string, UserProfile>> ProfilesAsync(IEnumerable<string?> userIds)
    {
        var ids = userIds.OfType<string>().Distinct().ToArray();
        var facts = await Task.WhenAll(ids.Select(id => grains.GetGrain<IUserGrain>(id).GetFacts()));
        return facts.OfType<AccountFacts>().ToDictionary(f => f.Profile.Id, f => f.Profile);
    }

    /// <param name="now">To say whether the decision can still be appealed.</param>
    public static DecisionView Decision(DecisionRow row, UserProfile user, bool forModerators, DateTimeOffset now) => new(
        row.Id, user, row.Action, row.Reason, row.Until, row.ReportId, row.CreatedAt,
        row.AppealStatus is null ? null : new AppealView(row.AppealText!, row.AppealStatus, row.AppealedAt!.Value, row.AppealDecidedAt, row.AppealReason),
        forModerators ? row.ModeratorId : null, row.Removed,
        row.AppealStatus is null && DecisionActions.IsAppealable(row.Action) && now - row.CreatedAt <= DecisionActions.AppealWindow);

    public async Task<List<DecisionView>> DecisionsAsync(IReadOnlyList<DecisionRow> rows, bool forModerators)
    {
        var profiles = await ProfilesAsync(rows.Select(r => r.UserId));
        var now = clock.GetUtcNow();
        return rows.Where(r => profiles.ContainsKey(r.UserId)).Select(r => Decision(r, profiles[r.UserId], forModerators, now)).ToList();
    }

    public async Task<List<ReportView>> ReportsAsync(IReadOnlyList<ReportRow> rows)
    {
        var profiles = await ProfilesAsync(rows.SelectMany(r => new[] { r.ReporterId, r.ReportedUserId, r.AssigneeId }));
        var decisionIds = rows.Select(r => r.DecisionId).OfType<string>().Distinct().ToArray();
        var now = clock.GetUtcNow();
        var decisions = (decisionIds.Length == 0 ? [] : await store.LoadDecisionsAsync(decisionIds))
            .Where(d => profiles.ContainsKey(d.UserId))
            .ToDictionary(d => d.Id, d => Decision(d, profiles[d.UserId], forModerators: true, now));
        return rows.Select(r => new ReportView(
            r.Id, r.Subject, r.Category, r.Comment, r.Status,
            r.AssigneeId is null ? null : profiles.GetValueOrDefault(r.AssigneeId),
            r.DecisionId is null ? null : decisions.GetValueOrDefault(r.DecisionId),
            r.CreatedAt, r.ResolvedAt,
            r.ReporterId is null ? null : profiles.GetValueOrDefault(r.ReporterId),
            profiles.GetValueOrDefault(r.ReportedUserId), r.Snapshot, r.RuleId)).ToList();
    }
}
