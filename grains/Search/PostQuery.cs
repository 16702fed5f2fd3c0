using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ChitLaq.Grains.Search;

/// <summary>
/// What a post search asks for, read from anything a user may type: words, <c>"phrases"</c>,
/// <c>#tag</c> and <c>from:handle</c>. There is no syntax to get wrong — an unbalanced quote is
/// just a quote, Lucene operators and backslashes are plain words (or nothing), and overly long
/// input is cut — so no input can make the query fail.
/// </summary>
public sealed record PostQuery(IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> Phrases, IReadOnlyList<string> Tags, IReadOnlyList<string> Authors)
{
    private const int MaxInput = 500;
    private const int MaxClauses = 32;

    public bool IsEmpty => Words.Count + Phrases.Count + Tags.Count + Authors.Count == 0;

    public static PostQuery Parse(string input)
    {
        var text = input.Length > MaxInput ? input[..MaxInput] : input;
        var phrases = new List<IReadOnlyList<string>>();
        var rest = new System.Text.StringBuilder();
        var quotesLeft = text.Count(c => c == '"');
        var open = -1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '"') { if (open < 0) rest.Append(text[i]); continue; }
            // With an odd number of quotes the last one has no partner: it is ignored.
            var hasPartner = quotesLeft-- >= 2;
            if (open < 0 && hasPartner) open = i;
            else if (open >= 0)
            {
                var terms = SearchAnalysis.Terms(text[(open + 1)..i]);
                if (terms.Count > 0) phrases.Add(terms);
                open = -1;
            }
            rest.Append(' ');
        }

        var words = new List<string>();
        var tags = new List<string>();
        var authors = new List<string>();
        foreach (var token in rest.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith('#') && Trim(token[1..]) is { Length: > 0 } tag) tags.Add(SearchAnalysis.Fold(tag));
            else if (token.StartsWith("from:", StringComparison.OrdinalIgnoreCase) && Trim(token[5..].TrimStart('@')) is { Length: > 0 } handle)
                authors.Add(handle.ToLowerInvariant());
            else words.AddRange(SearchAnalysis.Terms(token));
        }
        return new PostQuery(words.Distinct().Take(MaxClauses).ToList(), phrases.Take(MaxClauses).ToList(), tags.Distinct().Take(MaxClauses).ToList(), authors.Distinct().Take(4).ToList());
    }

    /// <summary>The Lucene query over documents of one type ("post" or "message"): every part must match.</summary>
    public Query ToLucene(string type = "post")
    {
        var query = new BooleanQuery { { new TermQuery(new Term(SearchFields.Type, type)), Occur.MUST } };
        foreach (var word in Words) query.Add(new TermQuery(new Term(SearchFields.Text, word)), Occur.MUST);
        foreach (var phrase in Phrases)
        {
            if (phrase.Count == 1) { query.Add(new TermQuery(new Term(SearchFields.Text, phrase[0])), Occur.MUST); continue; }
            var exact = new PhraseQuery();
            foreach (var term in phrase) exact.Add(new Term(SearchFields.Text, term));
            query.Add(exact, Occur.MUST);
        }
        foreach (var tag in Tags) query.Add(new TermQuery(new Term(SearchFields.TagFolded, tag)), Occur.MUST);
        if (Authors.Count == 1) query.Add(new TermQuery(new Term(SearchFields.From, Authors[0])), Occur.MUST);
        else if (Authors.Count > 1)
        {
            var anyAuthor = new BooleanQuery();
            foreach (var author in Authors) anyAuthor.Add(new TermQuery(new Term(SearchFields.From, author)), Occur.SHOULD);
            query.Add(anyAuthor, Occur.MUST);
        }
        return query;
    }

    /// <summary>Drops punctuation around a tag or handle ("#exams," → "exams").</summary>
    private static string Trim(string value) => value.Trim().Trim(value.Where(c => !char.IsLetterOrDigit(c) && c != '_').Distinct().ToArray());
}
