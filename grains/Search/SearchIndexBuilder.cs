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

    /// <summary>Re-reads these posts and users and writes their current state (absent or deleted → removed).</summary>
    public static async Task ApplyAsync(SearchIndex index, SearchStore store, IReadOnlyList<string> postIds, IReadOnlyList<string> userIds,
        IReadOnlyList<string> messageIds, CancellationToken cancellation)
    {
        if (messageIds.Count > 0)
        {
            var found = (await store.MessagesAsync(messageIds, cancellation)).ToDictionary(m => m.Id);
            foreach (var id in messageIds)
            {
                if (found.TryGetValue(id, out var message)) index.Upsert(SearchFields.MessageUid(id), SearchFields.Message(message));
                else index.Delete(SearchFields.MessageUid(id));
            }
        }
        if (postIds.Count > 0)
        {
            var found = (await store.PostsAsync(postIds, cancellation)).ToDictionary(p => p.Id);
            foreach (var id in postIds)
            {
                if (found.TryGetValue(id, out var post)) index.Upsert(SearchFields.PostUid(id), SearchFields.Post(post));
                else index.Delete(SearchFields.PostUid(id));
            }
        }
        if (userIds.Count > 0)
        {
            var found = (await store.UsersAsync(userIds, cancellation)).ToDictionary(u => u.Id);
            foreach (var id in userIds)
            {
                if (found.TryGetValue(id, out var user)) index.Upsert(SearchFields.UserUid(id), SearchFields.User(user));
                else index.Delete(SearchFields.UserUid(id));
            }
        }
    }
}
