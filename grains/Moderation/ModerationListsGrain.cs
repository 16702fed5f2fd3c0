using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;
using Orleans.Concurrency;

namespace ChitLaq.Grains.Moderation;

/// <summary>The moderator queue, the appeals waiting for a decision and the audit log, scoped to the caller's authority.</summary>
[GrainType("moderation-lists"), StatelessWorker]
public sealed class ModerationListsGrain(ModerationStore store, ModerationViewBuilder views) : Grain, IModerationListsGrain
{
    public async Task<Page<ReportView>?> Reports(string moderatorId, string? status, string? cursor, int limit)
    {
        if (await ModeratorAuthority.ModeratorAsync(GrainFactory, moderatorId) is not { } moderator) return null;
        var rows = await store.QueueAsync(moderator.IsAdmin ? null : moderator.University, status, Cursors.DecodeTimeAndId(cursor), limit);
        var page = rows.Take(limit).ToList();
        return new Page<ReportView>(await views.ReportsAsync(page),
            rows.Count > limit ? Cursors.EncodeTimeAndId(page[^1].CreatedAt, page[^1].Id) : null);
    }

    public async Task<Page<DecisionView>?> PendingAppeals(string moderatorId, string? cursor, int limit)
    {
        if (await ModeratorAuthority.ModeratorAsync(GrainFactory, moderatorId) is not { } moderator) return null;
        var rows = await store.PendingAppealsAsync(moderator.IsAdmin ? null : moderator.University, Cursors.DecodeTimeAndId(cursor), limit);
        var page = rows.Take(limit).ToList();
        return new Page<DecisionView>(await views.DecisionsAsync(page, forModerators: true),
            rows.Count > limit ? Cursors.EncodeTimeAndId(page[^1].AppealedAt!.Value, page[^1].Id) : null);
    }

    public async Task<Page<AuditEntryView>?> Audit(string moderatorId, string? cursor, int limit)
    {
        if (await ModeratorAuthority.ModeratorAsync(GrainFactory, moderatorId) is not { } moderator) return null;
        var before = long.TryParse(Cursors.Decode(cursor), out var id) ? id : (long?)null;
        var rows = await store.AuditPageAsync(moderator.IsAdmin ? null : moderator.University, before, limit);
        var page = rows.Take(limit).ToList();
        var profiles = await views.ProfilesAsync(page.Select(r => r.ModeratorId));
        return new Page<AuditEntryView>(
            page.Select(r => new AuditEntryView(r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                profiles.GetValueOrDefault(r.ModeratorId), r.Action, r.Target, r.Reason, r.CreatedAt)).ToList(),
            rows.Count > limit ? Cursors.Encode(page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null);
    }

    public async Task<string?> DecisionOwner(string decisionId) => (await store.LoadDecisionAsync(decisionId))?.UserId;
}
