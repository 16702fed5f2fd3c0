using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Abstractions.Posts;

namespace ChitLaq.Grains.Filters;

/// <summary>
/// Applies a reader's keyword filters to posts about to be shown: a post (or the original it
/// reposts) matching a hide filter is left out; one matching warn filters carries them in
/// <see cref="PostView.Filtered"/>.
/// </summary>
public static class KeywordScreen
{
    public static List<PostView> Apply(IReadOnlyList<PostView> views, IReadOnlyList<KeywordFilter> filters)
    {
        if (filters.Count == 0) return views as List<PostView> ?? [.. views];
        var shown = new List<PostView>(views.Count);
        foreach (var view in views)
        {
            var own = Matches(view.Text, filters);
            var original = view.RepostOf is { } repostOf ? Matches(repostOf.Text, filters) : null;
            if (own is null || (view.RepostOf is not null && original is null)) continue;
            var warnings = original is null ? own : [.. own.Concat(original).DistinctBy(m => m.FilterId)];
            shown.Add(view with
            {
                Filtered = warnings,
                RepostOf = view.RepostOf is null ? null : view.RepostOf with { Filtered = original },
            });
        }
        return shown;
    }

    /// <returns>null when a hide filter matches; otherwise the warn filters that match (often none).</returns>
    public static List<FilterMatch>? Matches(string text, IReadOnlyList<KeywordFilter> filters)
    {
        var analysed = new KeywordText(text);
        var warnings = new List<FilterMatch>();
        foreach (var filter in filters)
        {
            if (!analysed.Contains(filter.Terms, filter.Folded, filter.WholeWord)) continue;
            if (filter.Action == FilterActions.Hide) return null;
            warnings.Add(new FilterMatch(filter.Id, filter.Phrase));
        }
        return warnings;
    }
}
