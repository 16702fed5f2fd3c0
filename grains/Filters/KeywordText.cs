using ChitLaq.Grains.Search;

namespace ChitLaq.Grains.Filters;

/// <summary>
/// Keyword matching with the search analysis, so a filter or a rule sees text the way search
/// does: case and accents ignored (<c>Café</c> matches <c>cafe</c>). A whole-word phrase matches a
/// run of whole terms (<c>exam</c> does not match <c>exams</c>); otherwise the folded phrase may sit
/// anywhere in the folded text (<c>exam</c> matches <c>#examweek</c>).
/// </summary>
public sealed class KeywordText
{
    private readonly string _text;
    private string? _folded;
    private List<string>? _terms;

    public KeywordText(string text) => _text = text;

    private string Folded => _folded ??= Normalize(_text);
    private List<string> Terms => _terms ??= SearchAnalysis.Terms(_text);

    /// <summary>A phrase as it is matched: its terms (for whole words) and its folded form (for anywhere).</summary>
    public static (IReadOnlyList<string> Terms, string Folded) Analyse(string phrase) => (SearchAnalysis.Terms(phrase), Normalize(phrase));

    public bool Contains(IReadOnlyList<string> phraseTerms, string phraseFolded, bool wholeWord) =>
        wholeWord ? ContainsRun(Terms, phraseTerms) : phraseFolded.Length > 0 && Folded.Contains(phraseFolded, StringComparison.Ordinal);

    private static bool ContainsRun(List<string> terms, IReadOnlyList<string> run)
    {
        if (run.Count == 0 || run.Count > terms.Count) return false;
        for (var start = 0; start + run.Count <= terms.Count; start++)
        {
            var i = 0;
            while (i < run.Count && terms[start + i] == run[i]) i++;
            if (i == run.Count) return true;
        }
        return false;
    }

    /// <summary>Folded (lower case, no accents) with every run of white space made one space.</summary>
    private static string Normalize(string text) =>
        string.Join(' ', SearchAnalysis.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
