using Npgsql;

namespace ChitLaq.Grains.Social;

/// <summary>The <c>notifications</c> table; written only by the recipient's own grain.</summary>
public sealed class NotificationStore(NpgsqlDataSource database)
{
    public sealed record Row(string Id, string Type, string ActorId, string? PostId, DateTimeOffset CreatedAt, bool Read, string? DecisionId = null);

    public async Task<string> InsertAsync(string userId, string type, string actorId, string? postId, DateTimeOffset at, string? decisionId = null)
    {
        var id = Posts.PostIds.New();
        await using var command = database.CreateCommand(
            "INSERT INTO notifications (notification_id, user_id, type, actor_id, post_id, created_at, decision_id) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        foreach (var value in new object[] { id, userId, type, actorId, (object?)postId ?? DBNull.Value, at, (object?)decisionId ?? DBNull.Value })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>Newest first, older than <paramref name="beforeId"/>; one more than asked, to know if a next page exists.</summary>
    public async Task<List<Row>> PageAsync(string userId, string? beforeId, int limit)
    {
        await using var command = database.CreateCommand("""
            SELECT notification_id, type, actor_id, post_id, created_at, read_at IS NOT NULL, decision_id FROM notifications
            WHERE user_id = $1 AND notification_id < $2 ORDER BY notification_id DESC LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = beforeId ?? "g" });
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }

    public async Task MarkReadAsync(string userId, string upToId, DateTimeOffset at)
    {
        await using var command = database.CreateCommand(
            "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND notification_id <= $2 AND read_at IS NULL");
        foreach (var value in new object[] { userId, upToId, at }) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }
}
