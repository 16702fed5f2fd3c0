using ChitLaq.Grains.Abstractions.Moderation;
using ChitLaq.Grains.Filters;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Moderation;

/// <summary>What the server's keyword rules say about a text about to be written.</summary>
public sealed record RuleVerdict(string? BlockingRuleId, IReadOnlyList<(string RuleId, string Phrase)> ReportingRules)
{
    public static readonly RuleVerdict Clean = new(null, []);

    public bool Blocks => BlockingRuleId is not null;
}

/// <summary>
/// Each node's copy of the server's keyword rules (the <c>keyword_rules</c> table is the truth).
/// Read again when older than <see cref="Freshness"/>, so a rule added on one node holds on every
/// node within that time; the node that changed a rule drops its copy at once. While one caller
/// reloads, the others keep using the copy they have, and a failed reload keeps the old copy.
/// </summary>
public sealed class KeywordRuleBook(ModerationStore store, TimeProvider clock, ILogger<KeywordRuleBook> logger)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(10);

    private sealed record Rule(string Id, string Phrase, bool WholeWord, string Action, IReadOnlyList<string> Terms, string Folded);

    private sealed record Copy(DateTimeOffset LoadedAt, IReadOnlyList<Rule> Rules);

    private volatile Copy? _copy;
    private readonly SemaphoreSlim _reloading = new(1, 1);

    public async ValueTask<RuleVerdict> CheckAsync(string text)
    {
        var rules = await RulesAsync();
        if (rules.Count == 0 || string.IsNullOrWhiteSpace(text)) return RuleVerdict.Clean;
        var analysed = new KeywordText(text);
        var matched = rules.Where(r => analysed.Contains(r.Terms, r.Folded, r.WholeWord)).ToList();
        if (matched.Count == 0) return RuleVerdict.Clean;
        return new RuleVerdict(matched.FirstOrDefault(r => r.Action == KeywordRuleActions.Block)?.Id,
            matched.Where(r => r.Action == KeywordRuleActions.Report).Select(r => (r.Id, r.Phrase)).ToList());
    }

    /// <summary>This node changed a rule: read the table again at the next check.</summary>
    public void Invalidate() => _copy = _copy is { } copy ? copy with { LoadedAt = DateTimeOffset.MinValue } : null;

    private async ValueTask<IReadOnlyList<Rule>> RulesAsync()
    {
        var copy = _copy;
        if (copy is not null && clock.GetUtcNow() - copy.LoadedAt < Freshness) return copy.Rules;
        // Someone else is reloading: a slightly old copy is better than waiting behind them.
        if (copy is not null && !await _reloading.WaitAsync(0)) return copy.Rules;
        if (copy is null) await _reloading.WaitAsync();
        try
        {
            if (_copy is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < Freshness) return fresh.Rules;
            var rows = await store.LoadRulesAsync();
            var rules = rows.Select(r =>
            {
                var (terms, folded) = KeywordText.Analyse(r.Phrase);
                return new Rule(r.Id, r.Phrase, r.WholeWord, r.Action, terms, folded);
            }).ToList();
            _copy = new Copy(clock.GetUtcNow(), rules);
            return rules;
        }
        catch (Exception ex) when (copy is not null)
        {
            logger.LogWarning(ex, "Could not reload the keyword rules; keeping the {Count} rules read at {At}", copy.Rules.Count, copy.LoadedAt);
            return copy.Rules;
        }
        finally
        {
            _reloading.Release();
        }
    }
}
