using Npgsql;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// The SQL of an account's erasure: pages of what is left to undo through its owning grains, the
/// direct clean-up of each page once the grains had their say, and the final sweep of rows that
/// no grain keeps. Every statement is keyed by the user and served by an index.
/// </summary>
public sealed class ErasureStore(NpgsqlDataSource database)
{
    /// <summary>A page of ids (<c>$1</c> user, <c>$2</c> limit).</summary>
    public async Task<List<string>> PageAsync(string sql, string userId, int limit)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Removes what the grains left of a page (<c>$1</c> user, <c>$2</c> the page's ids, <c>$3</c> now if used).</summary>
    public async Task CleanUpAsync(string sql, string userId, IReadOnlyList<string> ids, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        if (sql.Contains("$3", StringComparison.Ordinal)) command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Marks every image the user uploaded released, so the media clean-up deletes rows and files.</summary>
    public async Task ReleaseMediaAsync(string userId, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(
            "UPDATE media SET released_at = $2, attached_to = COALESCE(attached_to, 'erased') WHERE owner_id = $1 AND released_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The rows nothing else owns, in one transaction: the text of the user's deleted posts and
    /// their edit history, bookmarks, notifications to and from them, filters, push devices and
    /// preferences, sessions, security events, activity marks, reactions and conversation mutes.
    /// </summary>
    public async Task SweepAsync(string userId)
    {
        string[] statements =
        [
            "UPDATE posts SET text = '', hashtags = '{}', mentions = '{}', media_ids = '{}' WHERE author_id = $1 AND deleted_at IS NOT NULL AND (text <> '' OR cardinality(media_ids) > 0 OR cardinality(mentions) > 0 OR cardinality(hashtags) > 0)",
            "DELETE FROM post_edits WHERE post_id IN (SELECT post_id FROM posts WHERE author_id = $1 AND deleted_at IS NOT NULL)",
            "DELETE FROM bookmarks WHERE user_id = $1",
            "DELETE FROM message_reactions WHERE user_id = $1",
            "DELETE FROM notifications WHERE user_id = $1",
            "DELETE FROM notifications WHERE actor_id = $1",
            "DELETE FROM keyword_filters WHERE user_id = $1",
            "DELETE FROM push_subscriptions WHERE user_id = $1",
            "DELETE FROM push_preferences WHERE user_id = $1",
            "DELETE FROM auth_sessions WHERE user_id = $1",
            "DELETE FROM audit_events WHERE user_id = $1 AND event_type <> 'account_erased'",
            "DELETE FROM user_activity WHERE user_id = $1",
            "DELETE FROM big_accounts WHERE user_id = $1",
            "UPDATE conversation_members SET muted_until = NULL WHERE user_id = $1 AND muted_until IS NOT NULL",
        ];
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = userId });
            await command.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
