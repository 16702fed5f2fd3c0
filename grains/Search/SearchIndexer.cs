using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ChitLaq.Grains.Background;

namespace ChitLaq.Grains.Search;

/// <summary>
/// Keeps this node's index in step with the tables: builds it from scratch when the folder is
/// new (or older than the change feed keeps), then tails <c>search_changes</c> from the position
/// stored in the index. A PostgreSQL NOTIFY nudges it at once; otherwise it polls.
/// <para>
/// Positions come from a sequence, so a transaction can commit a lower position after a higher
/// one is read. The stored position therefore only moves past a missing number once that gap
/// is older than <see cref="GapPatience"/> (a rolled-back change); rows beyond a young gap are
/// applied now and remembered, so they are not applied twice.
/// </para>
/// <para>
/// Reading the feed and the rows is I/O on the thread pool; writing documents, refreshing and
/// committing — the CPU — happen on a <see cref="DedicatedWorker"/>, so a busy chat (every
/// message is a document) never holds a pool thread that acknowledgements are waiting for.
/// </para>
/// </summary>
public sealed class SearchIndexer(
    SearchIndex index, SearchStore store, NpgsqlDataSource database, IOptions<SearchOptions> options,
    TimeProvider clock, ChitLaqMetrics metrics, ILogger<SearchIndexer> logger) : BackgroundService
{
    private readonly DedicatedWorker _writer = new("search-indexer");

    public static readonly TimeSpan GapPatience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// At most this often is the feed read and the index refreshed while changes trickle in (a
    /// busy chat nudges hundreds of times a second): batches grow instead.
    /// </summary>
    public static readonly TimeSpan MinApplyInterval = TimeSpan.FromMilliseconds(400);

    /// <summary>
    /// The pause after a batch of at least <see cref="BusyBatch"/> changes. A refresh (flushing a
    /// segment, opening readers, resolving the deletes of edited documents) costs about as much as
    /// indexing a few hundred messages, so under a busy chat fewer, larger batches cut the
    /// indexer's time per message by about a third (199 → 137 µs, measured during
    /// tests/load/chat-load.sh 2000 40). Still fresh within 2 s.
    /// </summary>
    public static readonly TimeSpan BusyApplyInterval = TimeSpan.FromMilliseconds(1200);
    private const int BusyBatch = 200;
    private const int BatchSize = 2000;

    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<long> _appliedAhead = [];
    private long _position;
    private bool _dirty;
    private DateTimeOffset _lastCommit;
    private DateTimeOffset _lastPrune;

    private SearchOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away; the index keeps serving what it has and catches up after.
                logger.LogWarning(ex, "Search indexing stopped; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        if (!index.HasCommit || index.CommittedAt < now - Options.ChangeRetention + TimeSpan.FromHours(1))
            await SearchIndexBuilder.BuildAsync(index, store, clock, logger, stoppingToken);
        _position = index.Position;
        _lastCommit = clock.GetUtcNow();

        using var listening = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var listener = ListenAsync(listening.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var applied = await ApplyChangesAsync(stoppingToken);
                var pause = applied >= BusyBatch ? BusyApplyInterval : MinApplyInterval;
                if (applied == BatchSize) continue; // more is waiting
                await _writer.RunAsync(() => { CommitIfDue(); index.PrunePinned(); });
                await PruneIfDueAsync(stoppingToken);
                var appliedAt = clock.GetTimestamp();
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                wait.CancelAfter(Options.PollInterval);
                try { await _nudges.Reader.ReadAsync(wait.Token); }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
                var rest = pause - clock.GetElapsedTime(appliedAt);
                if (rest > TimeSpan.Zero) await Task.Delay(rest, clock, stoppingToken);
            }
        }
        finally
        {
            if (_dirty)
            {
                var position = _position;
                await _writer.RunAsync(() => index.Commit(position, clock.GetUtcNow()));
            }
            _dirty = false;
            await listening.CancelAsync();
            try { await listener; } catch (OperationCanceledException) { }
        }
    }

    /// <summary>Applies the next changes; returns how many rows were read.</summary>
    private async Task<int> ApplyChangesAsync(CancellationToken cancellation)
    {
        var changes = await store.ChangesAfterAsync(_position, BatchSize, cancellation);
        if (changes.Count == 0) return 0;
        var fresh = changes.Where(c => !_appliedAhead.Contains(c.Position)).ToList();
        var rows = await SearchIndexBuilder.LoadAsync(store, fresh.Where(c => c.Kind == "post").Select(c => c.EntityId).Distinct().ToList(),
            fresh.Where(c => c.Kind == "user").Select(c => c.EntityId).Distinct().ToList(),
            fresh.Where(c => c.Kind == "message").Select(c => c.EntityId).Distinct().ToList(), cancellation);
        await _writer.RunAsync(() =>
        {
            SearchIndexBuilder.Apply(index, rows);
            index.Refresh();
        });
        _dirty = true;
        var searchable = clock.GetUtcNow();
        foreach (var change in fresh) metrics.SearchFreshness.Record(Math.Max(0, (searchable - change.ChangedAt).TotalSeconds));

        // Move the position over the contiguous run; past a gap only once the gap is old.
        var patienceEnds = clock.GetUtcNow() - GapPatience;
        var held = false;
        foreach (var change in changes)
        {
            if (!held && (change.Position == _position + 1 || change.ChangedAt < patienceEnds)) _position = change.Position;
            else
            {
                held = true;
                _appliedAhead.Add(change.Position);
            }
        }
        _appliedAhead.RemoveWhere(p => p <= _position);
        return changes.Count;
    }

    private void CommitIfDue()
    {
        var now = clock.GetUtcNow();
        if (!_dirty || now - _lastCommit < Options.CommitInterval) return;
        index.Commit(_position, now);
        _dirty = false;
        _lastCommit = now;
    }

    private async Task PruneIfDueAsync(CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        if (now - _lastPrune < TimeSpan.FromHours(1)) return;
        _lastPrune = now;
        var pruned = await store.PruneAsync(now - Options.ChangeRetention, cancellation);
        if (pruned > 0) logger.LogInformation("Pruned {Count} search change rows", pruned);
    }

    /// <summary>Holds a LISTEN connection; every notification nudges the loop. Reconnects on failure.</summary>
    private async Task ListenAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellation);
                connection.Notification += (_, _) => _nudges.Writer.TryWrite(true);
                await using (var listen = new NpgsqlCommand("LISTEN search_changes", connection)) await listen.ExecuteNonQueryAsync(cancellation);
                while (!cancellation.IsCancellationRequested) await connection.WaitAsync(cancellation);
            }
            catch (Exception ex) when (!cancellation.IsCancellationRequested)
            {
                logger.LogDebug(ex, "Search change listener lost its connection; polling until it is back");
                await Task.Delay(TimeSpan.FromSeconds(2), clock, cancellation);
            }
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _writer.Dispose();
    }
}
