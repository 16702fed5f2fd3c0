using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Search;

/// <summary>Fills an index from the tables (a new node, a deleted folder, the rebuild command) and applies changes.</summary>
public static class SearchIndexBuilder
{
    /// <summary>Replaces the index's contents with every searchable user and post; returns the documents written.</summary>
    public static async Task<long> BuildAsync(SearchIndex index, SearchStore store, TimeProvider clock, ILogger logger, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        // Taken first: changes made while the tables are read are replayed afterwards (applying twice is harmless).
        var start = await store.StartPositionAsync(SearchIndexer.GapPatience, cancellation);
        logger.LogInformation("Building the search index from the tables (change feed from position {Position})", start);
        index.Clear();
        long documents = 0;
        await foreach (var user in store.AllUsersAsync(cancellation))
        {
            index.Add(SearchFields.User(user));
            documents++;
        }
        await foreach (var post in store.AllPostsAsync(cancellation))
        {
            index.Add(SearchFields.Post(post));
            if (++documents % 100_000 == 0) logger.LogInformation("Search index build: {Count} documents", documents);
        }
        await foreach (var message in store.AllMessagesAsync(cancellation))
        {
            index.Add(SearchFields.Message(message));
            if (++documents % 100_000 == 0) logger.LogInformation("Search index build: {Count} documents", documents);
        }
        index.Commit(start, clock.GetUtcNow());
        index.Refresh();
        logger.LogInformation("Search index built: {Count} documents in {Seconds:F1} s", documents, watch.Elapsed.TotalSeconds);
        return documents;
    }

    /// <summary>Re-reads the current state of these posts, users and messages (the I/O half of applying changes).</summary>
    public static async Task<SearchChangeSet> LoadAsync(SearchStore store, IReadOnlyList<string> postIds, IReadOnlyList<string> userIds,
        IReadOnlyList<string> messageIds, CancellationToken cancellation) => new(
            postIds, postIds.Count == 0 ? [] : (await store.PostsAsync(postIds, cancellation)).ToDictionary(p => p.Id),
            userIds, userIds.Count == 0 ? [] : (await store.UsersAsync(userIds, cancellation)).ToDictionary(u => u.Id),
            messageIds, messageIds.Count == 0 ? [] : (await store.MessagesAsync(messageIds, cancellation)).ToDictionary(m => m.Id));

    /// <summary>Writes what <see cref="LoadAsync"/> read (the CPU half): present → upserted, absent or deleted → removed.</summary>
    public static void Apply(SearchIndex index, SearchChangeSet changes)
    {
        foreach (var id in changes.MessageIds)
        {
            if (changes.Messages.TryGetValue(id, out var message)) index.Upsert(SearchFields.MessageUid(id), SearchFields.Message(message));
            else index.Delete(SearchFields.MessageUid(id));
        }
        foreach (var id in changes.PostIds)
        {
            if (changes.Posts.TryGetValue(id, out var post)) index.Upsert(SearchFields.PostUid(id), SearchFields.Post(post));
            else index.Delete(SearchFields.PostUid(id));
        }
        foreach (var id in changes.UserIds)
        {
            if (changes.Users.TryGetValue(id, out var user)) index.Upsert(SearchFields.UserUid(id), SearchFields.User(user));
            else index.Delete(SearchFields.UserUid(id));
        }
    }
}

/// <summary>The changed ids of one batch and the searchable rows found for them (an id without a row is removed).</summary>
public sealed record SearchChangeSet(
    IReadOnlyList<string> PostIds, IReadOnlyDictionary<string, SearchStore.PostRow> Posts,
    IReadOnlyList<string> UserIds, IReadOnlyDictionary<string, SearchStore.UserRow> Users,
    IReadOnlyList<string> MessageIds, IReadOnlyDictionary<string, SearchStore.MessageRow> Messages);
