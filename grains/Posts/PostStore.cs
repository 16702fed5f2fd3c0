using ChitLaq.Grains.Abstractions.Feeds;
using Npgsql;

namespace ChitLaq.Grains.Posts;

/// <summary>SQL of posts, likes and reposts. Counter columns are changed only by the post's own grain.</summary>
public sealed class PostStore(NpgsqlDataSource database)
{
    private const string Columns = "post_id, author_id, text, hashtags, mentions, media_ids, reply_to_id, repost_of_id, created_at, edited_at, deleted_at, like_count, reply_count, repost_count, audience";

    public async Task InsertAsync(PostRow post)
    {
        await using var command = database.CreateCommand($"INSERT INTO posts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, 0, 0, 0, $10)");
        Add(command, post.Id, post.AuthorId, post.Text, post.Hashtags, post.Mentions, post.MediaIds,
            (object?)post.ReplyToId ?? DBNull.Value, (object?)post.RepostOfId ?? DBNull.Value, post.CreatedAt, post.Audience);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<PostRow?> LoadAsync(string postId)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM posts WHERE post_id = $1");
        Add(command, postId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        return new PostRow(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4), reader.GetFieldValue<string[]>(5),
            reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.GetFieldValue<DateTimeOffset>(8),
            reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
            reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            reader.GetInt32(11), reader.GetInt32(12), reader.GetInt32(13), reader.GetString(14));
    }

    /// <summary>Which of <paramref name="authorIds"/> the viewer follows (approved follows only; requests are elsewhere).</summary>
    public async Task<HashSet<string>> FollowedAmongAsync(string viewerId, string[] authorIds)
    {
        await using var command = database.CreateCommand("SELECT followee_id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2)");
        Add(command, viewerId, authorIds);
        await using var reader = await command.ExecuteReaderAsync();
        var followed = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) followed.Add(reader.GetString(0));
        return followed;
    }

    /// <summary>The new text, and the one it replaces into <c>post_edits</c> (dated when it was replaced), in one statement.</summary>
    public Task EditAsync(string postId, string text, string[] hashtags, string[] mentions, DateTimeOffset at) =>
        ExecuteAsync("""
            WITH previous AS (INSERT INTO post_edits (post_id, edited_at, text) SELECT post_id, $5, text FROM posts WHERE post_id = $1 ON CONFLICT DO NOTHING)
            UPDATE posts SET text = $2, hashtags = $3, mentions = $4, edited_at = $5 WHERE post_id = $1
            """, postId, text, hashtags, mentions, at);

    public Task MarkDeletedAsync(string postId, DateTimeOffset at) =>
        ExecuteAsync("UPDATE posts SET deleted_at = $2 WHERE post_id = $1 AND deleted_at IS NULL", postId, at);

    public Task RestoreAsync(string postId) =>
        ExecuteAsync("UPDATE posts SET deleted_at = NULL WHERE post_id = $1", postId);

    /// <summary>Adds the like and counts it, in one statement; false when it was already there.</summary>
    public async Task<bool> LikeAsync(string postId, string userId, DateTimeOffset at) =>
        await ExecuteScalarAsync<bool>("""
            WITH added AS (INSERT INTO likes (post_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1)
            UPDATE posts SET like_count = like_count + (SELECT count(*) FROM added) WHERE post_id = $1 RETURNING (SELECT count(*) FROM added) = 1
            """, postId, userId, at);

    public async Task<bool> UnlikeAsync(string postId, string userId) =>
        await ExecuteScalarAsync<bool>("""
            WITH removed AS (DELETE FROM likes WHERE post_id = $1 AND user_id = $2 RETURNING 1)
            UPDATE posts SET like_count = like_count - (SELECT count(*) FROM removed) WHERE post_id = $1 RETURNING (SELECT count(*) FROM removed) = 1
            """, postId, userId);

    /// <summary>Writes the user's repost of the original and counts it; null when they had reposted it already.</summary>
    public async Task<string?> RepostAsync(string originalId, string userId, DateTimeOffset at)
    {
        var repostId = PostIds.New();
        var added = await ExecuteScalarAsync<bool>("""
            WITH added AS (
                INSERT INTO posts (post_id, author_id, text, repost_of_id, created_at) VALUES ($1, $2, '', $3, $4)
                ON CONFLICT (author_id, repost_of_id) WHERE deleted_at IS NULL AND repost_of_id IS NOT NULL DO NOTHING RETURNING 1)
            UPDATE posts SET repost_count = repost_count + (SELECT count(*) FROM added) WHERE post_id = $3 RETURNING (SELECT count(*) FROM added) = 1
            """, repostId, userId, originalId, at);
        return added ? repostId : null;
    }

    /// <summary>Removes the user's repost of the original and uncounts it; returns the repost's id if there was one.</summary>
    public async Task<string?> UnrepostAsync(string originalId, string userId, DateTimeOffset at) =>
        await ExecuteScalarAsync<string?>("""
            WITH removed AS (
                UPDATE posts SET deleted_at = $3 WHERE author_id = $2 AND repost_of_id = $1 AND deleted_at IS NULL RETURNING post_id)
            UPDATE posts SET repost_count = repost_count - (SELECT count(*) FROM removed) WHERE post_id = $1 RETURNING (SELECT post_id FROM removed)
            """, originalId, userId, at);

    public Task AdjustRepliesAsync(string postId, int delta) =>
        ExecuteAsync("UPDATE posts SET reply_count = GREATEST(0, reply_count + $2) WHERE post_id = $1", postId, delta);

    /// <summary>Live reposts of a post (to remove them when the original goes).</summary>
    public Task<List<TimelineEntry>> RepostsOfAsync(string originalId) =>
        EntriesAsync("SELECT post_id, author_id, NULL FROM posts WHERE repost_of_id = $1 AND deleted_at IS NULL", originalId);

    /// <summary>An author's posts and reposts, newest first, older than <paramref name="beforeId"/>.</summary>
    public Task<List<string>> ByAuthorAsync(string authorId, string? beforeId, int limit) =>
        IdsAsync("SELECT post_id FROM posts WHERE author_id = $1 AND deleted_at IS NULL AND post_id < $2 ORDER BY post_id DESC LIMIT $3",
            authorId, beforeId ?? "g", limit);

    /// <summary>Replies to a post, oldest first, newer than <paramref name="afterId"/>.</summary>
    public Task<List<string>> RepliesAsync(string postId, string? afterId, int limit) =>
        IdsAsync("SELECT post_id FROM posts WHERE reply_to_id = $1 AND deleted_at IS NULL AND post_id > $2 ORDER BY post_id LIMIT $3",
            postId, afterId ?? "", limit);

    /// <summary>A home timeline from the tables: own and followed accounts' posts and reposts (not replies).</summary>
    public Task<List<TimelineEntry>> TimelineAsync(string userId, string sinceId, int limit) =>
        EntriesAsync("""
            SELECT p.post_id, p.author_id, o.author_id FROM posts p LEFT JOIN posts o ON o.post_id = p.repost_of_id
            WHERE p.deleted_at IS NULL AND p.reply_to_id IS NULL AND p.post_id >= $2
              AND (p.author_id = $1 OR p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = $1))
            ORDER BY p.post_id DESC LIMIT $3
            """, userId, sinceId, limit);

    /// <summary>The same timeline, older than <paramref name="beforeId"/> (pages past what a timeline keeps in memory).</summary>
    public Task<List<TimelineEntry>> TimelineBeforeAsync(string userId, string beforeId, int limit) =>
        EntriesAsync("""
            SELECT p.post_id, p.author_id, o.author_id FROM posts p LEFT JOIN posts o ON o.post_id = p.repost_of_id
            WHERE p.deleted_at IS NULL AND p.reply_to_id IS NULL AND p.post_id < $2
              AND (p.author_id = $1 OR p.author_id IN (SELECT followee_id FROM follows WHERE follower_id = $1))
            ORDER BY p.post_id DESC LIMIT $3
            """, userId, beforeId, limit);

    /// <summary>Recent posts and reposts of some authors (big accounts merged in at read time).</summary>
    public Task<List<TimelineEntry>> RecentByAuthorsAsync(string[] authorIds, string? beforeId, int limit) =>
        EntriesAsync("""
            SELECT p.post_id, p.author_id, o.author_id FROM posts p LEFT JOIN posts o ON o.post_id = p.repost_of_id
            WHERE p.author_id = ANY($1) AND p.deleted_at IS NULL AND p.reply_to_id IS NULL AND p.post_id < $2
            ORDER BY p.post_id DESC LIMIT $3
            """, authorIds, beforeId ?? "g", limit);

    /// <summary>Which accounts a user follows that are big (not pushed).</summary>
    public Task<List<string>> BigFolloweesAsync(string userId) =>
        IdsAsync("SELECT f.followee_id FROM follows f JOIN big_accounts b ON b.user_id = f.followee_id WHERE f.follower_id = $1", userId);

    /// <summary>
    /// Whether the account has been big since before <paramref name="settledBefore"/>. A newly big
    /// account is still pushed for a while, until every reader's cached list of big followees
    /// has caught up, so no post falls between the two paths.
    /// </summary>
    public async Task<bool> IsBigAsync(string userId, DateTimeOffset settledBefore) =>
        await ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM big_accounts WHERE user_id = $1 AND since < $2)", userId, settledBefore);

    /// <summary>Which of these posts the user liked, and which they reposted — one round trip for a page.</summary>
    /// <summary>Of these posts, which the reader liked, reposted and bookmarked: one round trip.</summary>
    public async Task<(HashSet<string> Liked, HashSet<string> Reposted, HashSet<string> Bookmarked)> ReaderMarksAsync(string userId, string[] postIds)
    {
        await using var command = database.CreateCommand("""
            SELECT post_id, 0 FROM likes WHERE user_id = $1 AND post_id = ANY($2)
            UNION ALL
            SELECT repost_of_id, 1 FROM posts WHERE author_id = $1 AND repost_of_id = ANY($2) AND deleted_at IS NULL
            UNION ALL
            SELECT post_id, 2 FROM bookmarks WHERE user_id = $1 AND post_id = ANY($2)
            """);
        Add(command, userId, postIds);
        await using var reader = await command.ExecuteReaderAsync();
        HashSet<string>[] sets = [new(), new(), new()];
        while (await reader.ReadAsync()) sets[reader.GetInt32(1)].Add(reader.GetString(0));
        return (sets[0], sets[1], sets[2]);
    }

    // Bookmarks (private to their owner; written by the owner's bookmarks grain).

    public async Task<bool> BookmarkAsync(string userId, string postId, DateTimeOffset now, bool add)
    {
        await using var command = database.CreateCommand(add
            ? "INSERT INTO bookmarks (user_id, post_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING"
            : "DELETE FROM bookmarks WHERE user_id = $1 AND post_id = $2");
        Add(command, add ? [userId, postId, now] : [userId, postId]);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>A page of bookmarked post ids, newest bookmark first, and the position after it.</summary>
    public Task<(List<string> Ids, (DateTimeOffset, string)? Next)> BookmarksAsync(string userId, (DateTimeOffset At, string Id)? after, int limit) =>
        Paging.NewestFirstPage.ReadAsync(database, """
            SELECT post_id, created_at FROM bookmarks
            WHERE user_id = $1 AND ($2::timestamptz IS NULL OR (created_at, post_id) < ($2, $3))
            ORDER BY created_at DESC, post_id DESC LIMIT $4
            """, userId, after, limit);

    // Edit history.

    public async Task<List<(string Text, DateTimeOffset EditedAt)>> HistoryAsync(string postId)
    {
        await using var command = database.CreateCommand("SELECT text, edited_at FROM post_edits WHERE post_id = $1 ORDER BY edited_at DESC");
        Add(command, postId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, DateTimeOffset)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        return rows;
    }

    /// <summary>Marks the reader active (at most once per interval), so fan-outs push to them.</summary>
    public Task TouchActivityAsync(string userId, DateTimeOffset now) =>
        ExecuteAsync("""
            INSERT INTO user_activity (user_id, last_active_at) VALUES ($1, $2)
            ON CONFLICT (user_id) DO UPDATE SET last_active_at = EXCLUDED.last_active_at WHERE user_activity.last_active_at < EXCLUDED.last_active_at
            """, userId, now);

    private async Task<List<TimelineEntry>> EntriesAsync(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<TimelineEntry>();
        while (await reader.ReadAsync())
            entries.Add(new TimelineEntry(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        return entries;
    }

    private async Task<List<string>> IdsAsync(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ExecuteScalarAsync<T>(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}
