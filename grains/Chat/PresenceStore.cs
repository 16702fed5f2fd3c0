using Npgsql;

namespace ChitLaq.Grains.Chat;

/// <summary>Who may see whose presence: followers and conversation partners, never across a block.</summary>
public sealed class PresenceStore(NpgsqlDataSource database)
{
    private const int MaxAudience = 2000;

    /// <summary>The people told when <paramref name="userId"/> comes online or goes offline (capped).</summary>
    public Task<List<string>> AudienceAsync(string userId) => IdsAsync("""
        SELECT a.id FROM (
            SELECT follower_id AS id FROM follows WHERE followee_id = $1
            UNION
            SELECT m2.user_id FROM conversation_members m1 JOIN conversation_members m2 ON m2.conversation_id = m1.conversation_id
            WHERE m1.user_id = $1 AND m1.left_at IS NULL AND m2.left_at IS NULL AND m2.user_id <> $1) a
        WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = a.id) OR (b.blocker_id = a.id AND b.blocked_id = $1))
        LIMIT $2
        """, userId, MaxAudience);

    /// <summary>Of <paramref name="userIds"/>, those whose presence <paramref name="viewerId"/> may see.</summary>
    public Task<List<string>> VisibleToAsync(string viewerId, string[] userIds) => IdsAsync("""
        SELECT a.id FROM (
            SELECT followee_id AS id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2)
            UNION
            SELECT m2.user_id FROM conversation_members m1 JOIN conversation_members m2 ON m2.conversation_id = m1.conversation_id
            WHERE m1.user_id = $1 AND m1.left_at IS NULL AND m2.left_at IS NULL AND m2.user_id = ANY($2)) a
        WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = a.id) OR (b.blocker_id = a.id AND b.blocked_id = $1))
        """, viewerId, userIds);

    private async Task<List<string>> IdsAsync(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
