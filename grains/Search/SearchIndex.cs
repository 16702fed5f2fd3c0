using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Search;

/// <summary>
/// This node's Lucene index: one writer, near-real-time searchers reopened after each applied
/// batch, and the change-feed position saved in the same commit as the documents it covers (so
/// after a crash the node resumes exactly where its last commit left off).
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private const string PositionKey = "changePosition";
    private const string CommittedAtKey = "committedAt";
    private const string FormatKey = "format";

    /// <summary>What the documents hold; an index of an older format is built again (2: messages are in it).</summary>
    private const string Format = "2";

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    /// <summary>
    /// Searchers that served a first page, kept for a while so that later pages are cut from the
    /// very same point in time (same documents, same scores): no repeats or gaps between pages.
    /// </summary>
    private readonly SearcherLifetimeManager _pinned = new();
    private static readonly double PinnedSeconds = TimeSpan.FromMinutes(10).TotalSeconds;

    public SearchIndex(IOptions<SearchOptions> options)
    {
        System.IO.Directory.CreateDirectory(options.Value.IndexPath);
        // Near-real-time refreshes flush a small segment several times a second under a busy chat;
        // the caching directory keeps such segments in memory until they are merged or committed.
        _directory = new NRTCachingDirectory(FSDirectory.Open(options.Value.IndexPath), maxMergeSizeMB: 5, maxCachedMB: 64);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(SearchAnalysis.Version, SearchAnalysis.ForIndexing())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = 48,
        });
        var committed = _writer.CommitData;
        HasCommit = committed.ContainsKey(PositionKey) && committed.TryGetValue(FormatKey, out var format) && format == Format;
        Position = HasCommit ? long.Parse(committed[PositionKey]) : 0;
        CommittedAt = committed.TryGetValue(CommittedAtKey, out var at) ? DateTimeOffset.Parse(at) : null;
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SearcherFactory());
    }

    /// <summary>False for a new or emptied folder: the index must be built from the tables.</summary>
    public bool HasCommit { get; private set; }

    /// <summary>The change-feed position the last commit covers.</summary>
    public long Position { get; private set; }

    public DateTimeOffset? CommittedAt { get; private set; }

    public void Upsert(string uid, Document document) => _writer.UpdateDocument(new Term(SearchFields.Uid, uid), document);

    /// <summary>Adds without looking for an older copy: only right after <see cref="Clear"/>.</summary>
    public void Add(Document document) => _writer.AddDocument(document);

    public void Delete(string uid) => _writer.DeleteDocuments(new Term(SearchFields.Uid, uid));

    /// <summary>Drops every document (a rebuild starts from nothing).</summary>
    public void Clear() => _writer.DeleteAll();

    /// <summary>Makes everything applied so far visible to new searches.</summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    public void Commit(long position, DateTimeOffset now)
    {
        _writer.SetCommitData(new Dictionary<string, string>
        {
            [PositionKey] = position.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CommittedAtKey] = now.ToString("O"),
            [FormatKey] = Format,
        });
        _writer.Commit();
        HasCommit = true;
        Position = position;
        CommittedAt = now;
    }

    public T Search<T>(Func<IndexSearcher, T> search)
    {
        var searcher = _searchers.Acquire();
        try { return search(searcher); }
        finally { _searchers.Release(searcher); }
    }

    /// <summary>
    /// Searches the pinned point in time <paramref name="version"/> when it is still kept here
    /// (a later page on the node that served the first), else the newest — which is pinned only
    /// when <paramref name="hasMorePages"/> says a later page may be asked for (a pinned searcher
    /// keeps its segment files on disk). Returns the version to page from, 0 for none.
    /// </summary>
    public (T Result, long Version) Search<T>(long? version, Func<IndexSearcher, T> search, Func<T, bool> hasMorePages)
    {
        if (version is { } pinned && _pinned.Acquire(pinned) is { } old)
        {
            try { return (search(old), pinned); }
            finally { _pinned.Release(old); }
        }
        var searcher = _searchers.Acquire();
        try
        {
            var result = search(searcher);
            return (result, hasMorePages(result) ? _pinned.Record(searcher) : 0);
        }
        finally { _searchers.Release(searcher); }
    }

    /// <summary>Lets go of pinned searchers nobody has paged through for a while.</summary>
    public void PrunePinned() => _pinned.Prune(new SearcherLifetimeManager.PruneByAge(PinnedSeconds));

    public void Dispose()
    {
        _pinned.Dispose();
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }
}
