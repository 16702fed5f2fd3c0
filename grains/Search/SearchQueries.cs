using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ChitLaq.Grains.Search;

/// <summary>Runs the searches against this node's index and ranks the hits; filtering and hydration are the grain's.</summary>
public sealed class SearchQueries(SearchIndex index)
{
    /// <summary>How many hits by relevance are considered for ranking and paging.</summary>
    public const int Candidates = 1000;

    /// <summary>
    /// Posts by relevance with a recency boost: a post from today counts up to three times as
    /// much as the same match from weeks ago (score × (1 + 2 / (1 + age in days))).
    /// </summary>
    public (List<RankedHit> Hits, long Version) Posts(PostQuery query, DateTimeOffset now, long? version, int pageSize) => query.IsEmpty ? ([], 0) : index.Search(version, searcher =>
    {
        var top = searcher.Search(query.ToLucene(), Candidates);
        var values = new HitValues(searcher.IndexReader);
        return top.ScoreDocs.Select(hit =>
        {
            var (segment, doc) = values.Locate(hit.Doc);
            var createdTicks = segment.GetNumericDocValues(SearchFields.Created).Get(doc);
            var ageDays = Math.Max(0, (now.UtcTicks - createdTicks) / (double)TimeSpan.TicksPerDay);
            return new RankedHit(Text(segment, SearchFields.Id, doc), Text(segment, SearchFields.AuthorId, doc), hit.Score * (1 + 2 / (1 + ageDays)), createdTicks);
        }).ToList();
    }, hits => hits.Count > pageSize);

    /// <summary>
    /// Messages in the given conversations only (the caller's own), by relevance with the same
    /// recency boost as posts; each hit's owner is its conversation.
    /// </summary>
    public (List<RankedHit> Hits, long Version) Messages(PostQuery query, IReadOnlyCollection<string> conversationIds, DateTimeOffset now, long? version, int pageSize) =>
        query.IsEmpty || conversationIds.Count == 0 ? ([], 0) : index.Search(version, searcher =>
        {
            var onlyThese = new FieldCacheTermsFilter(SearchFields.Conversation, conversationIds.ToArray());
            var top = searcher.Search(query.ToLucene("message"), onlyThese, Candidates);
            var values = new HitValues(searcher.IndexReader);
            return top.ScoreDocs.Select(hit =>
            {
                var (segment, doc) = values.Locate(hit.Doc);
                var sentTicks = segment.GetNumericDocValues(SearchFields.Created).Get(doc);
                var ageDays = Math.Max(0, (now.UtcTicks - sentTicks) / (double)TimeSpan.TicksPerDay);
                return new RankedHit(Text(segment, SearchFields.Id, doc), Text(segment, SearchFields.Conversation, doc), hit.Score * (1 + 2 / (1 + ageDays)), sentTicks);
            }).ToList();
        }, hits => hits.Count > pageSize);

    /// <summary>Users whose handle, name, major or university match every word; handle and name prefixes count too.</summary>
    public (List<RankedHit> Hits, long Version) Users(string text, long? version, int pageSize, bool prefixesOnly = false)
    {
        var terms = SearchAnalysis.Terms(text.Length > 200 ? text[..200] : text).Distinct().Take(8).ToList();
        if (terms.Count == 0) return ([], 0);
        var query = new BooleanQuery { { new TermQuery(new Term(SearchFields.Type, "user")), Occur.MUST } };
        foreach (var term in terms)
        {
            var any = new BooleanQuery
            {
                { Boosted(SearchFields.Handle, term, 4), Occur.SHOULD },
                { Boosted(SearchFields.HandlePrefix, term, 2), Occur.SHOULD },
                { Boosted(SearchFields.Name, term, 3), Occur.SHOULD },
                { Boosted(SearchFields.NamePrefix, term, 1.5f), Occur.SHOULD },
            };
            if (!prefixesOnly)
            {
                any.Add(Boosted(SearchFields.Major, term, 1), Occur.SHOULD);
                any.Add(Boosted(SearchFields.University, term, 1), Occur.SHOULD);
            }
            query.Add(any, Occur.MUST);
        }
        return index.Search(version, searcher =>
        {
            // Type-ahead shows a handful: a few hundred candidates leave room for the hidden ones.
            var top = searcher.Search(query, prefixesOnly ? Candidates / 4 : Candidates);
            var values = new HitValues(searcher.IndexReader);
            return top.ScoreDocs.Select(hit =>
            {
                var (segment, doc) = values.Locate(hit.Doc);
                var id = Text(segment, SearchFields.Id, doc);
                return new RankedHit(id, id, hit.Score, 0);
            }).ToList();
        }, hits => hits.Count > pageSize);
    }

    /// <summary>
    /// Hashtags starting with the (folded) text, with the number of live posts carrying each:
    /// an exact match first, then the most used.
    /// </summary>
    public List<(string Tag, int Posts)> Hashtags(string text, int scanAtMost = 200)
    {
        var prefix = SearchAnalysis.Fold(text.Trim().TrimStart('#').Trim());
        if (prefix.Length == 0 || prefix.Length > 100) return [];
        return index.Search(searcher =>
        {
            var found = new List<(string Tag, int Posts, bool Exact)>();
            var terms = MultiFields.GetTerms(searcher.IndexReader, SearchFields.TagKey);
            if (terms is null) return [];
            var cursor = terms.GetEnumerator();
            if (cursor.SeekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END) return [];
            var scanned = 0;
            do
            {
                var key = cursor.Term.Utf8ToString();
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || ++scanned > scanAtMost) break;
                var separator = key.IndexOf(SearchFields.TagKeySeparator);
                var tag = key[(separator + 1)..];
                // Counted from live documents: a tag whose posts are all deleted has none and is left out.
                var posts = searcher.Search(new TermQuery(new Term(SearchFields.Tag, tag)), 1).TotalHits;
                if (posts > 0) found.Add((tag, posts, key[..separator] == prefix));
            } while (cursor.MoveNext());
            return found.OrderByDescending(f => f.Exact).ThenByDescending(f => f.Posts).ThenBy(f => f.Tag, StringComparer.Ordinal)
                .Select(f => (f.Tag, f.Posts)).ToList();
        });
    }

    private static TermQuery Boosted(string field, string term, float boost) => new(new Term(field, term)) { Boost = boost };

    private static string Text(AtomicReader segment, string field, int doc)
    {
        var bytes = new BytesRef();
        segment.GetSortedDocValues(field).Get(doc, bytes);
        return bytes.Utf8ToString();
    }

    /// <summary>
    /// Finds a hit's segment, so its doc values are read there. (A merged view over all segments
    /// would build an ordinal map of every id in the index on each query — seconds at a million posts.)
    /// </summary>
    private sealed class HitValues(IndexReader reader)
    {
        private readonly IList<AtomicReaderContext> _leaves = reader.Leaves;

        public (AtomicReader Segment, int Doc) Locate(int doc)
        {
            var leaf = _leaves[ReaderUtil.SubIndex(doc, _leaves)];
            return (leaf.AtomicReader, doc - leaf.DocBase);
        }
    }
}
