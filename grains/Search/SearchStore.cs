using System.Runtime.CompilerServices;
using Npgsql;

namespace ChitLaq.Grains.Search;

/// <summary>The SQL behind the search index: the change feed, and the searchable rows it points at.</summary>
public sealed class SearchStore(NpgsqlDataSource database)
{
    public sealed record Change(long Position, string Kind, string EntityId, DateTimeOffset ChangedAt);
    public sealed record PostRow(string Id, string AuthorId, string AuthorHandle, string Text, string[] Hashtags, DateTimeOffset CreatedAt, string Audience = "public");
    public sealed record UserRow(string Id, string Handle, string DisplayName, string University, string? Major);
    public sealed record MessageRow(string Id, string ConversationId, string SenderHandle, string Text, DateTimeOffset SentAt);

    /// <summary>Posts that belong in the index: live, and not reposts (a repost's text is its original's).</summary>
    private const string SearchablePosts = """
        SELECT p.post_id, p.author_id, u.handle, p.text, p.hashtags, p.created_at, p.audience
        FROM posts p JOIN users u ON u.user_id = p.author_id
        WHERE p.deleted_at IS NULL AND p.repost_of_id IS NULL
        """;

    private const string SearchableUsers = "SELECT user_id, handle, display_name, university, major FROM users";

    /// <summary>Messages that belong in the index: not deleted, with text (an image alone has no words).</summary>
    private const string SearchableMessages = """
        SELECT m.message_id, m.conversation_id, coalesce(u.handle, ''), m.text, m.sent_at
        FROM messages m LEFT JOIN users u ON u.user_id = m.sender_id
        WHERE NOT m.deleted AND m.text <> ''
        """;

    public async Task<List<Change>> ChangesAfterAsync(long position, int limit, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(
            "SELECT position, kind, entity_id, changed_at FROM search_changes WHERE position > $1 ORDER BY position LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = position });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var changes = new List<Change>();
        while (await reader.ReadAsync(cancellation))
            changes.Add(new Change(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        return changes;
    }

    /// <summary>
    /// Where a freshly built index starts tailing: a position from before <paramref name="margin"/>
    /// ago, so changes whose transactions were still open while the tables were read get replayed.
    /// </summary>
    public async Task<long> StartPositionAsync(TimeSpan margin, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(
            "SELECT position FROM search_changes WHERE changed_at < now() - $1 ORDER BY changed_at DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = margin });
        return await command.ExecuteScalarAsync(cancellation) is long position ? position : 0;
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand("DELETE FROM search_changes WHERE changed_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = before });
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<List<PostRow>> PostsAsync(IReadOnlyList<string> ids, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(SearchablePosts + " AND p.post_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        return await ReadAll(command, ReadPost, cancellation).ToListAsync(cancellation);
    }

    public async Task<List<UserRow>> UsersAsync(IReadOnlyList<string> ids, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(SearchableUsers + " WHERE user_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        return await ReadAll(command, ReadUser, cancellation).ToListAsync(cancellation);
    }

    public async Task<List<MessageRow>> MessagesAsync(IReadOnlyList<string> ids, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(SearchableMessages + " AND m.message_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        return await ReadAll(command, ReadMessage, cancellation).ToListAsync(cancellation);
    }

    public async IAsyncEnumerable<MessageRow> AllMessagesAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(SearchableMessages);
        await foreach (var row in ReadAll(command, ReadMessage, cancellation)) yield return row;
    }

    /// <summary>Every searchable post, streamed (a rebuild reads millions without holding them).</summary>
    public async IAsyncEnumerable<PostRow> AllPostsAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(SearchablePosts);
        await foreach (var row in ReadAll(command, ReadPost, cancellation)) yield return row;
    }

    public async IAsyncEnumerable<UserRow> AllUsersAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await using var command = database.CreateCommand(SearchableUsers);
        await foreach (var row in ReadAll(command, ReadUser, cancellation)) yield return row;
    }

    private static PostRow ReadPost(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4), r.GetFieldValue<DateTimeOffset>(5), r.GetString(6));

    private static MessageRow ReadMessage(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4));

    private static UserRow ReadUser(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));

    private static async IAsyncEnumerable<T> ReadAll<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken cancellation)
    {
        command.CommandTimeout = 0; // a full scan for a rebuild may take minutes
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) yield return read(reader);
    }
}
