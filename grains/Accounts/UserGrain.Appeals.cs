using ChitLaq.Grains.Abstractions.Accounts;
using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Moderation;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Appeals: the user may appeal each decision that took something from them once, within
/// <see cref="DecisionActions.AppealWindow"/>; a moderator other than the one who decided upholds or overturns it,
/// and overturning gives back what the decision took (the content, the standing) where it can.
/// </summary>
public sealed partial class UserGrain
{
    private const int MaxAppealText = 2000;

    public async Task<ModerationResult<DecisionView>> Appeal(string decisionId, string text)
    {
        var row = await moderation.LoadDecisionAsync(decisionId);
        if (row is null || row.UserId != UserId || !DecisionActions.IsAppealable(row.Action))
            return ModerationResult<DecisionView>.Fail(ModerationOutcome.NotFound);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxAppealText)
            return ModerationResult<DecisionView>.Invalid("text", $"Explain your appeal in 1 to {MaxAppealText} characters.");
        if (row.AppealStatus is not null)
            return ModerationResult<DecisionView>.Fail(ModerationOutcome.Conflict, "This decision was already appealed.");
        if (Now - row.CreatedAt > DecisionActions.AppealWindow)
            return ModerationResult<DecisionView>.Fail(ModerationOutcome.Conflict, $"Decisions can be appealed for {DecisionActions.AppealWindow.TotalDays:0} days.");

        await moderation.SaveAppealAsync(decisionId, text.Trim(), Now);
        var appealed = row with { AppealText = text.Trim(), AppealStatus = AppealOutcomes.Pending, AppealedAt = Now };
        return ModerationResult<DecisionView>.Done(await DecisionViewAsync(appealed), created: true);
    }

    public async Task<ModerationResult<DecisionView>> DecideAppeal(string decisionId, string moderatorId, string outcome, string reason)
    {
        if (await AuthorizeModerator(moderatorId) is { } refused) return refused;
        var row = await moderation.LoadDecisionAsync(decisionId);
        if (row is null || row.UserId != UserId) return ModerationResult<DecisionView>.Fail(ModerationOutcome.NotFound);
        if (outcome is not (AppealOutcomes.Upheld or AppealOutcomes.Overturned))
            return ModerationResult<DecisionView>.Invalid("outcome", "Decide 'upheld' or 'overturned'.");
        if (CheckReason(reason) is { } badReason) return badReason;
        if (row.AppealStatus != AppealOutcomes.Pending)
            return ModerationResult<DecisionView>.Fail(ModerationOutcome.Conflict, "There is no pending appeal of this decision.");
        if (row.ModeratorId == moderatorId)
            return ModerationResult<DecisionView>.Fail(ModerationOutcome.Forbidden, "A different moderator must decide the appeal.");

        await moderation.DecideAppealAsync(decisionId, outcome, moderatorId, reason.Trim(), Now);
        if (outcome == AppealOutcomes.Overturned) await UndoAsync(row);
        await moderation.AuditAsync(moderatorId, Account.University, "appeal_" + outcome, "decision:" + decisionId, reason.Trim(), Now);
        var decided = row with { AppealStatus = outcome, AppealDecidedAt = Now, AppealModeratorId = moderatorId, AppealReason = reason.Trim() };
        var view = await DecisionViewAsync(decided);
        await TellAsync(view, appealDecided: true);
        return ModerationResult<DecisionView>.Done(view);
    }

    /// <summary>Gives back what an overturned decision took. A standing set since by a later decision stays.</summary>
    private async Task UndoAsync(DecisionRow row)
    {
        if (row.Action == DecisionActions.ContentRemoved && row.Removed is { } removed) await SetContentRemoved(removed, removed: false);
        else if (row.Action is DecisionActions.Limit or DecisionActions.Suspension or DecisionActions.Ban && Account.StandingDecisionId == row.Id)
            await SetStandingAsync(AccountStanding.Active, null, row.Id);
    }
}
