using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Filters;

namespace ChitLaq.Grains.Social;

/// <summary>
/// Personal keyword filters live with mutes and blocks: they are one more thing a reader does not
/// want to see, and every feed filter this grain hands out carries them (no extra call per read).
/// </summary>
public sealed partial class UserGraphGrain
{
    /// <summary>Enough for every word a student wants gone; bounded so every read stays cheap.</summary>
    public const int MaxKeywordFilters = 100;
    public const int MaxPhraseLength = 100;

    private IReadOnlyList<KeywordFilter> _keywordFilters = [];

    private async Task LoadKeywordFilters() =>
        _keywordFilters = (await keywordFilters.LoadAsync(Me, Now)).Select(Compiled).ToList();

    public Task<IReadOnlyList<KeywordFilter>> ListFilters() =>
        Task.FromResult<IReadOnlyList<KeywordFilter>>(_keywordFilters.Where(f => f.IsActiveAt(Now)).ToList());

    public async Task<FilterResult> AddFilter(KeywordFilterRequest request)
    {
        var errors = new Accounts.FieldErrors();
        var phrase = request.Phrase.Trim();
        if (phrase.Length is 0 or > MaxPhraseLength) errors.Add("phrase", $"Write a word or phrase of 1 to {MaxPhraseLength} characters.");
        else if (request.WholeWord && KeywordText.Analyse(phrase).Terms.Count == 0)
            errors.Add("phrase", "A whole-word filter needs at least one letter or digit.");
        var contexts = request.Contexts.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToArray();
        if (contexts.Length == 0 || contexts.Any(c => !FilterContexts.All.Contains(c)))
            errors.Add("contexts", "Choose one or more of: " + string.Join(", ", FilterContexts.All) + ".");
        var action = request.Action.Trim().ToLowerInvariant();
        if (action is not (FilterActions.Hide or FilterActions.Warn)) errors.Add("action", "Choose hide or warn.");
        if (request.ExpiresAt is { } until && until <= Now) errors.Add("expiresAt", "Give a time in the future, or none to keep the filter.");
        if (errors.Any) return new FilterResult(FilterOutcome.Invalid, Errors: errors.ToDictionary());

        var active = _keywordFilters.Where(f => f.IsActiveAt(Now)).ToList();
        if (active.Count >= MaxKeywordFilters) return new FilterResult(FilterOutcome.TooMany);

        var row = new KeywordFilterStore.Row(Guid.CreateVersion7().ToString("N"), phrase, request.WholeWord,
            FilterContexts.All.Where(contexts.Contains).ToArray(), action, request.ExpiresAt?.ToUniversalTime(), Now);
        await keywordFilters.InsertAsync(Me, row);
        var filter = Compiled(row);
        _keywordFilters = [filter, .. active];
        await MyTimeline.FilterChanged();
        return new FilterResult(FilterOutcome.Done, filter);
    }

    public async Task<FilterOutcome> RemoveFilter(string filterId)
    {
        if (!await keywordFilters.DeleteAsync(Me, filterId)) return FilterOutcome.NotFound;
        _keywordFilters = _keywordFilters.Where(f => f.Id != filterId).ToList();
        await MyTimeline.FilterChanged();
        return FilterOutcome.Done;
    }

    private static KeywordFilter Compiled(KeywordFilterStore.Row row)
    {
        var (terms, folded) = KeywordText.Analyse(row.Phrase);
        return new KeywordFilter(row.Id, row.Phrase, row.WholeWord, row.Contexts, row.Action, row.ExpiresAt, row.CreatedAt, terms, folded);
    }
}
