using Npgsql;

namespace ChitLaq.Grains.Feeds;

/// <summary>The few discovery questions that need a join, asked at most every few minutes per user.</summary>
public sealed class DiscoveryStore(NpgsqlDataSource database)
{
    public Task<List<(string Id, long Score)>> FollowingAsync(string userId) =>
        Pairs("SELECT followee_id, 0::bigint FROM follows WHERE follower_id = $1", userId);

    /// <summary>Accounts followed by the accounts the user follows, by how many of them.</summary>
    public Task<List<(string Id, long Score)>> FriendsOfFriendsAsync(string userId) =>
        Pairs("""
            SELECT f2.followee_id, count(*) FROM follows f1 JOIN follows f2 ON f2.follower_id = f1.followee_id
            WHERE f1.follower_id = $1 AND f2.followee_id <> $1
              AND NOT EXISTS (SELECT 1 FROM follows x WHERE x.follower_id = $1 AND x.followee_id = f2.followee_id)
            GROUP BY f2.followee_id ORDER BY count(*) DESC, f2.followee_id LIMIT 30
            """, userId);

    /// <summary>Newest verified students of the same university, same major first.</summary>
    public Task<List<(string Id, long Score)>> SameCampusAsync(string userId, string university, string? major) =>
        Pairs("""
            SELECT u.user_id, CASE WHEN $3::text IS NOT NULL AND u.major = $3 THEN 1 ELSE 0 END FROM users u
            WHERE u.university = $2 AND u.user_id <> $1 AND u.email_verified
              AND NOT EXISTS (SELECT 1 FROM follows x WHERE x.follower_id = $1 AND x.followee_id = u.user_id)
            ORDER BY 2 DESC, u.created_at DESC LIMIT 30
            """, userId, university, (object?)major ?? DBNull.Value);

    /// <summary>Posts of the last days liked by the accounts the user follows, by how many of them.</summary>
    public Task<List<(string Id, long Score)>> LikedByFollowingAsync(string userId, DateTimeOffset since) =>
        Pairs("""
            SELECT l.post_id, count(*) FROM likes l JOIN follows f ON f.followee_id = l.user_id
            WHERE f.follower_id = $1 AND l.created_at >= $2
              AND NOT EXISTS (SELECT 1 FROM likes mine WHERE mine.post_id = l.post_id AND mine.user_id = $1)
            GROUP BY l.post_id ORDER BY count(*) DESC, l.post_id DESC LIMIT 20
            """, userId, since);

    private async Task<List<(string, long)>> Pairs(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt64(1)));
        return rows;
    }
}
