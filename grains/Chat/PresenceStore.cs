using Npgsql;

namespace ChitLaq.Grains.Chat;

/// <summary>Who may see whose presence: followers and conversation partners, never across a block.</summary>
public sealed class PresenceStore(NpgsqlDataSource database)
{
    /// <summary>
    /// Past this many, an audience is not listed: each node asks <see cref="ViewersAmongAsync"/>
    /// for its own connected users instead (a campus's most followed accounts have thousands of
    /// followers, most of them offline at any moment).
    /// </summary>
    public const int MaxListedAudience = 2000;

    /// <summary>
    /// The people told when <paramref name="userId"/> comes online or goes offline, or null when
    /// there are more than <see cref="MaxListedAudience"/>.
    /// </summary>
    public async Task<List<string>?> AudienceAsync(string userId)
    {
        var ids = await IdsAsync(AudienceSql, userId, MaxListedAudience + 1);
        return ids.Count > MaxListedAudience ? null : ids;
    }

    private const string AudienceSql = """
        SELECT a.id FROM (
            SELECT follower_id AS id FROM follows WHERE followee_id = $1
            UNION
            SELECT m2.user_id FROM conversation_members m1 JOIN conversation_members m2 ON m2.conversation_id = m1.conversation_id
            WHERE m1.user_id = $1 AND m1.left_at IS NULL AND m2.left_at IS NULL AND m2.user_id <> $1) a
        WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = a.id) OR (b.blocker_id = a.id AND b.blocked_id = $1))
        LIMIT $2
        """;

    /// <summary>Of <paramref name="candidates"/> (a node's connected users), those who may see <paramref name="subjectId"/>'s presence.</summary>
    public Task<List<string>> ViewersAmongAsync(string subjectId, string[] candidates) => IdsAsync("""
        SELECT a.id FROM (
            SELECT follower_id AS id FROM follows WHERE followee_id = $1 AND follower_id = ANY($2)
            UNION
            SELECT m2.user_id FROM conversation_members m1 JOIN conversation_members m2 ON m2.conversation_id = m1.conversation_id
            WHERE m1.user_id = $1 AND m1.left_at IS NULL AND m2.left_at IS NULL AND m2.user_id = ANY($2) AND m2.user_id <> $1) a
        WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE (b.blocker_id = $1 AND b.blocked_id = a.id) OR (b.blocker_id = a.id AND b.blocked_id = $1))
        """, subjectId, candidates);

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
