using Npgsql;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// What trend grains replay on activation: recent original posts with their engagement — only the
/// ones the live path counts (public, by an account that is not locked), so a campus or
/// followers-only hashtag never reaches trending through a reactivation.
/// </summary>
public sealed class TrendStore(NpgsqlDataSource database)
{
    public sealed record RecentPost(string PostId, string AuthorId, string[] Hashtags, DateTimeOffset CreatedAt, double Engagement);

    public async Task<List<RecentPost>> RecentAsync(string sinceId, string? university)
    {
        await using var command = database.CreateCommand("""
            SELECT p.post_id, p.author_id, p.hashtags, p.created_at, p.like_count + 2 * p.repost_count
            FROM posts p JOIN users u ON u.user_id = p.author_id
            WHERE p.post_id >= $1 AND p.deleted_at IS NULL AND p.reply_to_id IS NULL AND p.repost_of_id IS NULL
              AND p.audience = 'public' AND NOT u.locked
              AND ($2::text IS NULL OR u.university = $2)
            ORDER BY p.post_id LIMIT 20000
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = sinceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)university ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync();
        var posts = new List<RecentPost>();
        while (await reader.ReadAsync())
            posts.Add(new RecentPost(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4)));
        return posts;
    }
}
