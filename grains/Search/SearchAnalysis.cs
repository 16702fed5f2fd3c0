using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ChitLaq.Grains.Search;

/// <summary>
/// How students' text becomes terms: Unicode word boundaries (UAX #29, so handles like
/// <c>ada_l</c> stay whole), lower case, accents folded (<c>café</c> finds <c>cafe</c>). Type-ahead
/// fields also get edge n-grams at index time, so a prefix is one term lookup at query time.
/// </summary>
public static class SearchAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const int MaxPrefix = 20;

    /// <summary>The analyzer for writing: folding everywhere, plus edge n-grams on the prefix fields.</summary>
    public static Analyzer ForIndexing() => new PerFieldAnalyzerWrapper(new Folding(prefixes: false), new Dictionary<string, Analyzer>
    {
        [SearchFields.HandlePrefix] = new Folding(prefixes: true),
        [SearchFields.NamePrefix] = new Folding(prefixes: true),
    });

    private static readonly Analyzer QueryAnalyzer = new Folding(prefixes: false);

    /// <summary>The terms a piece of query text becomes (same folding as indexing, no n-grams).</summary>
    public static List<string> Terms(string text)
    {
        var terms = new List<string>();
        using var stream = QueryAnalyzer.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>One folded key for a whole value (a hashtag, a handle): lower case, accents removed, nothing split.</summary>
    public static string Fold(string value)
    {
        var input = value.ToLowerInvariant().ToCharArray();
        var output = new char[input.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }

    private sealed class Folding(bool prefixes) : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var tokenizer = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, tokenizer);
            stream = new ASCIIFoldingFilter(stream);
            if (prefixes) stream = new EdgeNGramTokenFilter(Version, stream, 1, MaxPrefix);
            return new TokenStreamComponents(tokenizer, stream);
        }
    }
}
