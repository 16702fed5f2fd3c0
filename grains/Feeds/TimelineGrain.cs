using ChitLaq.Grains.Abstractions.Filters;
using ChitLaq.Grains.Abstractions.Feeds;
using ChitLaq.Grains.Abstractions.Posts;
using ChitLaq.Grains.Abstractions.Social;
using ChitLaq.Grains.Posts;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// A home timeline. Not persisted, by design: it is derived from <c>posts</c> and <c>follows</c>,
/// which are durable, so it is rebuilt from them on the first read after activation (a restart
/// loses nothing), and fan-out writes cost no database write per follower. While loaded it holds
/// the newest entries in memory, newest first; pushes to an unloaded timeline are dropped because
/// the rebuild will include them. Big accounts are merged in at read time.
/// </summary>
[GrainType("timeline")]
public sealed class TimelineGrain(PostStore posts, PostHydrator hydrator, IOptions<FeedOptions> options, TimeProvider clock, ChitLaqMetrics metrics)
    : Grain, ITimelineGrain
{
    private static readonly TimeSpan ActivityWriteInterval = TimeSpan.FromMinutes(10);

    private List<CompactEntry>? _window; // newest first; null until loaded
    private HashSet<string> _bigFollowees = [];
    private DateTimeOffset _bigFolloweesAt = DateTimeOffset.MinValue;
    private FeedFilter _filter = FeedFilter.None;
    private HashSet<UInt128> _hidden = [];
    private DateTimeOffset _activityWritten = DateTimeOffset.MinValue;

    private string Owner => this.GetPrimaryKeyString();
    private int Capacity => options.Value.TimelineCapacity;

    public async Task<Page<PostView>> GetPage(string? cursor, int limit)
    {
        // Pushes stop for readers who stayed away; if this grain outlived that, start afresh.
        if (_window is not null && clock.GetUtcNow() - _activityWritten > options.Value.InactiveAfter) _window = null;
        await EnsureLoaded();
        await TouchActivity();
        metrics.TimelineEntries.Record(_window!.Count);
        var before = Cursors.Decode(cursor) is { } position && PostIds.IsWellFormed(position) ? CompactEntry.Parse(position) : (UInt128?)null;

        var page = new List<PostView>(limit);
        string? next = null;
        var candidates = await Candidates(before, limit);
        var index = 0;
        while (page.Count < limit && index < candidates.Count)
        {
            var chunk = candidates.Skip(index).Take(limit - page.Count + 5).ToList();
            index += chunk.Count;
            var views = await hydrator.HydrateAsync(chunk.Select(e => CompactEntry.Format(e.PostId)).ToList(), Owner, _filter.In(FilterContexts.Home));
            page.AddRange(views.Take(limit - page.Count));
        }
        // A full page may have more behind it; at worst the next page is empty and ends the list.
        if (page.Count == limit) next = Cursors.Encode(page[^1].Id);
        return new Page<PostView>(page, next);
    }

    public Task Add(TimelineEntry entry)
    {
        if (_window is null) return Task.CompletedTask;
        var compact = CompactEntry.From(entry);
        if (_hidden.Contains(compact.AuthorId) || _hidden.Contains(compact.OriginalAuthorId)) return Task.CompletedTask;
        Insert(compact);
        return Task.CompletedTask;
    }

    public Task Remove(string postId)
    {
        if (_window is not null && PostIds.IsWellFormed(postId))
        {
            var id = CompactEntry.Parse(postId);
            _window.RemoveAll(e => e.PostId == id);
        }
        return Task.CompletedTask;
    }

    public async Task FolloweeAdded(string followeeId)
    {
        if (_window is null) return;
        if (await posts.IsBigAsync(followeeId, DateTimeOffset.MaxValue))
        {
            _bigFollowees.Add(followeeId);
            return;
        }
        // Following someone brings their recent posts into the timeline at once.
        foreach (var entry in await posts.RecentByAuthorsAsync([followeeId], null, 50)) await Add(entry);
    }

    public Task FolloweeRemoved(string followeeId)
    {
        if (_window is null) return Task.CompletedTask;
        _bigFollowees.Remove(followeeId);
        var id = CompactEntry.Parse(followeeId);
        _window.RemoveAll(e => e.AuthorId == id);
        return Task.CompletedTask;
    }

    public async Task FilterChanged()
    {
        if (_window is null) return;
        var before = _hidden;
        await LoadFilter();
        if (before.Any(id => !_hidden.Contains(id)))
        {
            // Someone was unmuted or unblocked: their posts were never kept, so rebuild on the next read.
            _window = null;
            return;
        }
        _window.RemoveAll(e => _hidden.Contains(e.AuthorId) || _hidden.Contains(e.OriginalAuthorId));
    }

    /// <summary>Window entries older than the cursor, merged with big followees' posts; falls back to the tables past the window.</summary>
    private async Task<List<CompactEntry>> Candidates(UInt128? before, int limit)
    {
        var want = limit * 2 + 10;
        var window = _window!;
        if (clock.GetUtcNow() - _bigFolloweesAt > options.Value.BigFolloweesRefresh) await LoadBigFollowees();
        var fromWindow = window.Where(e => before is null || e.PostId < before).Take(want).ToList();
        var beforeText = before is { } b ? CompactEntry.Format(b) : null;
        if (fromWindow.Count < want && window.Count >= Capacity)
        {
            // Older than anything kept in memory: read the tables directly.
            var oldest = window[^1].PostId;
            var startBefore = before is { } cursor && cursor < oldest ? cursor : oldest;
            var older = await posts.TimelineBeforeAsync(Owner, CompactEntry.Format(startBefore), want);
            fromWindow.AddRange(older.Select(CompactEntry.From));
        }
        if (_bigFollowees.Count > 0)
            fromWindow.AddRange((await posts.RecentByAuthorsAsync(_bigFollowees.ToArray(), beforeText, want)).Select(CompactEntry.From));
        return fromWindow
            .Where(e => !_hidden.Contains(e.AuthorId) && !_hidden.Contains(e.OriginalAuthorId))
            .DistinctBy(e => e.PostId)
            .OrderByDescending(e => e.PostId)
            .ToList();
    }

    private async Task EnsureLoaded()
    {
        if (_window is not null) return;
        await LoadFilter();
        var since = PostIds.LowerBound(clock.GetUtcNow() - options.Value.RebuildHorizon);
        var entries = await posts.TimelineAsync(Owner, since, Capacity);
        await LoadBigFollowees();
        _window = entries.Select(CompactEntry.From)
            .Where(e => !_hidden.Contains(e.AuthorId) && !_hidden.Contains(e.OriginalAuthorId))
            .ToList();
    }

    private async Task LoadBigFollowees()
    {
        _bigFollowees = [.. await posts.BigFolloweesAsync(Owner)];
        _bigFolloweesAt = clock.GetUtcNow();
    }

    private async Task LoadFilter()
    {
        _filter = await GrainFactory.GetGrain<IUserGraphGrain>(Owner).GetFeedFilter();
        _hidden = [.. _filter.Hidden.Where(PostIds.IsWellFormed).Select(CompactEntry.Parse)];
    }

    private void Insert(CompactEntry entry)
    {
        var window = _window!;
        var index = window.FindIndex(e => e.PostId <= entry.PostId);
        if (index >= 0 && window[index].PostId == entry.PostId) return;
        if (index < 0) index = window.Count;
        if (index >= Capacity) return;
        window.Insert(index, entry);
        if (window.Count > Capacity) window.RemoveAt(window.Count - 1);
    }

    /// <summary>Marks the owner as an active reader, so fan-outs keep pushing to them.</summary>
    private async Task TouchActivity()
    {
        var now = clock.GetUtcNow();
        if (now - _activityWritten < ActivityWriteInterval) return;
        await posts.TouchActivityAsync(Owner, now);
        _activityWritten = now;
    }
}
