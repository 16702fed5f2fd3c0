using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Chat;
using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Feeds;
using ChitLaq.Grains.Moderation;
using ChitLaq.Grains.Posts;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Moderators' decisions about this account. The account's standing (limit, suspension, ban) and
/// its token epoch live in the grain state; every decision is a row in <c>moderation_decisions</c>
/// (written before the standing changes, so nothing is applied without a record), an entry in the
/// audit log, a <c>moderation</c> notification and an email. A change of standing is told to every
/// node at once: they refuse the old tokens and close the user's hub connections.
/// </summary>
public sealed partial class UserGrain
{
    private const int MaxDecisionReason = 1000;
    private const int MaxDurationHours = 24 * 365;

    private AccountStanding CurrentStanding => new(Account.TokenEpoch, Account.Standing, Account.StandingUntil);

    public Task<AccountStanding> GetStanding() => Task.FromResult(CurrentStanding);

    public async Task<AccountFacts?> GetFacts() =>
        Account.IsRegistered ? new AccountFacts(await ProfileAsync() with { Hidden = IsHidden }, Account.Roles.ToArray()) : null;

    public async Task<ModerationResult<DecisionView>> Decide(DecisionRequest request)
    {
        if (await AuthorizeModerator(request.ModeratorId) is { } refused) return refused;
        if (!DecisionActions.All.Contains(request.Action)) return ModerationResult<DecisionView>.Invalid("action", "Unknown action.");
        if (CheckReason(request.Reason) is { } badReason) return badReason;
        DateTimeOffset? until = null;
        if (DecisionActions.NeedsDuration(request.Action))
        {
            if (request.DurationHours is not (>= 1 and <= MaxDurationHours))
                return ModerationResult<DecisionView>.Invalid("durationHours", $"A {request.Action} needs durationHours from 1 to {MaxDurationHours}.");
            until = Now.AddHours(request.DurationHours.Value);
        }
        if (request.Action == DecisionActions.Lifted && CurrentStanding.StateAt(Now) == AccountStanding.Active)
            return ModerationResult<DecisionView>.Fail(ModerationOutcome.Conflict, "The account has no limit, suspension or ban to lift.");
        if (request.Action == DecisionActions.ContentRemoved && request.RemovedSubject is null)
            return ModerationResult<DecisionView>.Invalid("action", "Remove content through a report of it.");

        var row = new DecisionRow(PostIds.New(), UserId, Account.University, request.Action, request.Reason.Trim(), until, request.ReportId,
            request.ModeratorId, request.RemovedSubject, Now, null, null, null, null, null, null);
        await moderation.InsertDecisionAsync(row);

        switch (request.Action)
        {
            case DecisionActions.ContentRemoved: await SetContentRemoved(row.Removed!, removed: true); break;
            case DecisionActions.Limit: await SetStandingAsync(AccountStanding.Limited, until, row.Id); break;
            case DecisionActions.Suspension: await SetStandingAsync(AccountStanding.Suspended, until, row.Id); break;
            case DecisionActions.Ban: await SetStandingAsync(AccountStanding.Banned, null, row.Id); break;
            case DecisionActions.Lifted: await SetStandingAsync(AccountStanding.Active, null, row.Id); break;
        }
        await moderation.AuditAsync(request.ModeratorId, Account.University, request.Action, Target(request), row.Reason, Now);
        var view = await DecisionViewAsync(row);
        // A dismissed report is no decision against the user: they are not told that anyone reported them.
        if (request.Action != DecisionActions.Dismissed) await TellAsync(view, appealDecided: false);
        return ModerationResult<DecisionView>.Done(view, created: true);
    }

    public async Task<Page<DecisionView>> GetDecisions(string? cursor, int limit)
    {
        var rows = await moderation.DecisionsOfAsync(UserId, Cursors.Decode(cursor), limit, includeDismissed: false);
        var page = rows.Take(limit).ToList();
        var profile = await ProfileAsync();
        return new Page<DecisionView>(page.Select(r => ModerationViewBuilder.Decision(r, profile, forModerators: false, Now)).ToList(),
            rows.Count > limit ? Cursors.Encode(page[^1].Id) : null);
    }

    /// <summary>Raises the epoch for a suspension or ban: every token and session so far stops working.</summary>
    private async Task SetStandingAsync(string state, DateTimeOffset? until, string decisionId)
    {
        var revokes = state is AccountStanding.Suspended or AccountStanding.Banned;
        Account.Standing = state;
        Account.StandingUntil = until;
        Account.StandingDecisionId = state == AccountStanding.Active ? null : decisionId;
        if (revokes) Account.TokenEpoch++;
        await SaveProfileAsync();
        if (revokes) await sessions.EndAllAsync(UserId, Now, "moderation_" + state);
        await fanout.BroadcastStandingAsync(UserId, CurrentStanding);
    }

    private async Task SetContentRemoved(ReportSubject subject, bool removed)
    {
        switch (subject.Kind)
        {
            case SubjectKinds.Post:
                await GrainFactory.GetGrain<IPostGrain>(subject.Id).Moderate(removed);
                break;
            case SubjectKinds.Message:
                if (await chatStore.ConversationOfMessageAsync(subject.Id) is { } conversationId)
                    await GrainFactory.GetGrain<IConversationGrain>(conversationId).ModerateMessage(subject.Id, removed);
                break;
        }
    }

    /// <returns>null when the moderator may decide about this account; otherwise the refusal.</returns>
    private async Task<ModerationResult<DecisionView>?> AuthorizeModerator(string moderatorId)
    {
        if (!Account.IsRegistered) return ModerationResult<DecisionView>.Fail(ModerationOutcome.NotFound);
        var moderator = await ModeratorAuthority.ModeratorAsync(GrainFactory, moderatorId);
        return moderator is not null && ModeratorAuthority.MayDecideAbout(moderator, UserId, Account.University, Account.Roles.Contains(Roles.Admin))
            ? null
            : ModerationResult<DecisionView>.Fail(ModerationOutcome.Forbidden);
    }

    private static ModerationResult<DecisionView>? CheckReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Length > MaxDecisionReason
            ? ModerationResult<DecisionView>.Invalid("reason", $"Give a reason of 1 to {MaxDecisionReason} characters; the user reads it.")
            : null;

    private string Target(DecisionRequest request) =>
        "user:" + UserId + (request.ReportId is { } report ? " report:" + report : "")
        + (request.RemovedSubject is { } removed ? $" {removed.Kind}:{removed.Id}" : "");

    private async Task<DecisionView> DecisionViewAsync(DecisionRow row) => ModerationViewBuilder.Decision(row, await ProfileAsync(), forModerators: false, Now);

    /// <summary>The notification (live, when connected) and the email of a decision or of its appeal's outcome.</summary>
    private async Task TellAsync(DecisionView decision, bool appealDecided)
    {
        await GrainFactory.GetGrain<IUserGraphGrain>(UserId).Notify(new NotificationRequest(NotificationTypes.Moderation, UserId, null, decision.Id));
        await mailer.SendModerationNoticeAsync(Account.Email, Account.DisplayName, decision, appealDecided);
    }
}
