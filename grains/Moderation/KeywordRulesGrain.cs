using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Filters;

namespace ChitLaq.Grains.Moderation;

/// <summary>
/// The single writer of <c>keyword_rules</c>. Moderators may read the rules (their queue shows
/// reports the rules opened); only admins change them, and every change is audited.
/// </summary>
[GrainType("keyword-rules")]
public sealed class KeywordRulesGrain(ModerationStore store, KeywordRuleBook book, ModerationViewBuilder views, TimeProvider clock)
    : Grain, IKeywordRulesGrain
{
    public const int MaxRules = 500;
    public const int MaxPhraseLength = 100;

    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<ModerationResult<IReadOnlyList<KeywordRuleView>>> List(string adminId)
    {
        if (await ModeratorAuthority.ModeratorAsync(GrainFactory, adminId) is null)
            return ModerationResult<IReadOnlyList<KeywordRuleView>>.Fail(ModerationOutcome.Forbidden);
        var rows = await store.LoadRulesAsync();
        var creators = await views.ProfilesAsync(rows.Select(r => r.CreatedBy));
        return ModerationResult<IReadOnlyList<KeywordRuleView>>.Done(rows.OrderByDescending(r => r.CreatedAt).Select(r => View(r, creators)).ToList());
    }

    public async Task<ModerationResult<KeywordRuleView>> Add(string adminId, KeywordRuleRequest request)
    {
        if (await ModeratorAuthority.ModeratorAsync(GrainFactory, adminId) is not { IsAdmin: true } admin)
            return ModerationResult<KeywordRuleView>.Fail(ModerationOutcome.Forbidden, "Only admins configure the server's keyword rules.");
        var phrase = request.Phrase.Trim();
        if (phrase.Length is 0 or > MaxPhraseLength)
            return ModerationResult<KeywordRuleView>.Invalid("phrase", $"Write a word or phrase of 1 to {MaxPhraseLength} characters.");
        if (request.WholeWord && KeywordText.Analyse(phrase).Terms.Count == 0)
            return ModerationResult<KeywordRuleView>.Invalid("phrase", "A whole-word rule needs at least one letter or digit.");
        var action = request.Action.Trim().ToLowerInvariant();
        if (action is not (KeywordRuleActions.Block or KeywordRuleActions.Report))
            return ModerationResult<KeywordRuleView>.Invalid("action", "Choose block or report.");

        var existing = await store.LoadRulesAsync();
        if (existing.Count >= MaxRules) return ModerationResult<KeywordRuleView>.Fail(ModerationOutcome.Conflict, $"The server keeps at most {MaxRules} rules.");
        var folded = KeywordText.Analyse(phrase).Folded;
        if (existing.Any(r => r.WholeWord == request.WholeWord && KeywordText.Analyse(r.Phrase).Folded == folded))
            return ModerationResult<KeywordRuleView>.Fail(ModerationOutcome.Conflict, "A rule for this phrase already exists; remove it first to change it.");

        var row = new ModerationStore.RuleRow("k" + Guid.CreateVersion7().ToString("N"), phrase, request.WholeWord, action, adminId, Now);
        await store.InsertRuleAsync(row);
        book.Invalidate();
        await store.AuditAsync(adminId, admin.University, "rule_added", "rule:" + row.Id, $"{action} \"{phrase}\"" + (request.WholeWord ? " (whole word)" : ""), Now);
        return ModerationResult<KeywordRuleView>.Done(View(row, new() { [adminId] = admin.Profile }), created: true);
    }

    public async Task<ModerationResult<bool>> Remove(string adminId, string ruleId)
    {
        if (await ModeratorAuthority.ModeratorAsync(GrainFactory, adminId) is not { IsAdmin: true } admin)
            return ModerationResult<bool>.Fail(ModerationOutcome.Forbidden, "Only admins configure the server's keyword rules.");
        if (await store.DeleteRuleAsync(ruleId) is not { } removed) return ModerationResult<bool>.Fail(ModerationOutcome.NotFound);
        book.Invalidate();
        await store.AuditAsync(adminId, admin.University, "rule_removed", "rule:" + removed.Id, $"{removed.Action} \"{removed.Phrase}\"", Now);
        return ModerationResult<bool>.Done(true);
    }

    private static KeywordRuleView View(ModerationStore.RuleRow row, Dictionary<string, Abstractions.Accounts.UserProfile> creators) =>
        new(row.Id, row.Phrase, row.WholeWord, row.Action, creators.GetValueOrDefault(row.CreatedBy), row.CreatedAt);
}
