using ChitLaq.Grains.Abstractions.Media;
using Npgsql;

namespace ChitLaq.Grains.Media;

/// <summary>
/// The <c>media</c> table and the files it names. Adding a row and deleting an unreferenced file
/// both hold a transaction-scoped advisory lock per file key, so a new upload of the same bytes
/// can never lose its file to a concurrent clean-up.
/// </summary>
public sealed class MediaTable(NpgsqlDataSource database, IMediaStore files)
{
    public sealed record Row(string Id, string OwnerId, string FileKey, string ContentType, int Width, int Height, long Bytes,
        string FeedKey, int FeedWidth, int FeedHeight, long FeedBytes, DateTimeOffset CreatedAt, string? AttachedTo, DateTimeOffset? ReleasedAt)
    {
        public MediaInfo Info => new(Id, MediaKeys.UrlOf(FileKey), ContentType, Width, Height, Bytes, MediaKeys.UrlOf(FeedKey), FeedWidth, FeedHeight);
    }

    private const string Columns = "media_id, owner_id, file_key, content_type, width, height, bytes, feed_key, feed_width, feed_height, feed_bytes, created_at, attached_to, released_at";

    /// <summary>Stores the files (unless identical bytes are already there) and the row, as one step.</summary>
    public async Task InsertAsync(Row row, ProcessedImage image, CancellationToken cancellation = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await LockAsync(connection, transaction, row.FileKey, row.FeedKey, cancellation);
        await using (var insert = new NpgsqlCommand($"INSERT INTO media ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL)", connection, transaction))
        {
            Add(insert, row.Id, row.OwnerId, row.FileKey, row.ContentType, row.Width, row.Height, row.Bytes,
                row.FeedKey, row.FeedWidth, row.FeedHeight, row.FeedBytes, row.CreatedAt);
            await insert.ExecuteNonQueryAsync(cancellation);
        }
        await files.PutAsync(row.FileKey, image.Original.Bytes, cancellation);
        if (row.FeedKey != row.FileKey) await files.PutAsync(row.FeedKey, image.Feed.Bytes, cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public async Task<Row?> LoadAsync(string mediaId)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM media WHERE media_id = $1");
        Add(command, mediaId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task<List<MediaInfo>> LoadInfosAsync(IReadOnlyList<string> mediaIds)
    {
        if (mediaIds.Count == 0) return [];
        await using var command = database.CreateCommand($"SELECT {Columns} FROM media WHERE media_id = ANY($1)");
        Add(command, (object)mediaIds.ToArray()); // one array parameter, not one per id
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, MediaInfo>();
        while (await reader.ReadAsync()) { var row = Read(reader); rows[row.Id] = row.Info; }
        return mediaIds.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    /// <summary>Attaches when the owner matches and it is free (or already attached to this target); the row after, or null.</summary>
    public async Task<Row?> AttachAsync(string mediaId, string ownerId, string target)
    {
        await using var command = database.CreateCommand($"""
            UPDATE media SET attached_to = $3
            WHERE media_id = $1 AND owner_id = $2 AND released_at IS NULL AND (attached_to IS NULL OR attached_to = $3)
            RETURNING {Columns}
            """);
        Add(command, mediaId, ownerId, target);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task ReleaseAsync(string mediaId, string target, DateTimeOffset at)
    {
        await using var command = database.CreateCommand("UPDATE media SET released_at = $3 WHERE media_id = $1 AND attached_to = $2 AND released_at IS NULL");
        Add(command, mediaId, target, at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes up to <paramref name="batch"/> rows never attached since before <paramref name="orphanedBefore"/>, or released; returns their file keys.</summary>
    public async Task<List<string>> DeleteUnusedAsync(DateTimeOffset orphanedBefore, int batch, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM media WHERE media_id IN (
                (SELECT media_id FROM media WHERE attached_to IS NULL AND created_at < $1 LIMIT $2)
                UNION ALL
                (SELECT media_id FROM media WHERE released_at IS NOT NULL LIMIT $2))
            RETURNING file_key, feed_key
            """);
        Add(command, orphanedBefore, batch);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellation)) { keys.Add(reader.GetString(0)); keys.Add(reader.GetString(1)); }
        return keys.Distinct().ToList();
    }

    /// <summary>
    /// Whether the file may be served at its public, content-addressed URL: some upload of it is
    /// not (only) in chat messages — a post's image, an avatar, or an upload not used yet (the
    /// composer's preview). Images that are only in chats are served through signed links instead.
    /// </summary>
    public async Task<bool> IsPublicAsync(string key, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand("""
            SELECT coalesce(bool_or(attached_to IS NULL OR attached_to NOT LIKE 'message:%'), false)
            FROM media WHERE file_key = $1 OR feed_key = $1
            """);
        Add(command, key);
        return (bool)(await command.ExecuteScalarAsync(cancellation))!;
    }

    /// <summary>Deletes the file when no row names it any more; true when it was deleted.</summary>
    public async Task<bool> DeleteFileIfUnreferencedAsync(string key, CancellationToken cancellation)
    {
        await using var connection = await database.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await LockAsync(connection, transaction, key, key, cancellation);
        await using (var check = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM media WHERE file_key = $1) OR EXISTS (SELECT 1 FROM media WHERE feed_key = $1)", connection, transaction))
        {
            Add(check, key);
            if ((bool)(await check.ExecuteScalarAsync(cancellation))!) return false;
        }
        await files.DeleteAsync(key, cancellation);
        await transaction.CommitAsync(cancellation);
        return true;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string first, string second, CancellationToken cancellation)
    {
        // Always in the same order, so two transactions locking the same pair cannot deadlock.
        foreach (var key in new[] { first, second }.Distinct().Order(StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction);
            Add(command, key);
            await command.ExecuteNonQueryAsync(cancellation);
        }
    }

    private static Row Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.GetInt64(6),
        r.GetString(7), r.GetInt32(8), r.GetInt32(9), r.GetInt64(10), r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13));

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}
