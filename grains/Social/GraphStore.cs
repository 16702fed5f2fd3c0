using ChitLaq.Grains.Abstractions.Accounts;
using Npgsql;

namespace ChitLaq.Grains.Social;

/// <summary>
/// Edges of the social graph in <c>follows</c>, <c>blocks</c>, <c>mutes</c>. Every change reports
/// whether a row really changed, so the grains adjust counters exactly once per real change.
/// Follow and block of one pair are serialised by an advisory lock on the pair, so a follow can
/// never slip in while a block between the same two people is being written.
/// </summary>
public sealed class GraphStore(NpgsqlDataSource database)
{
    private const string PairLock = "SELECT pg_advisory_xact_lock(hashtextextended(least($1, $2) || ':' || greatest($1, $2), 0))";

    /// <returns>null when a block stands between them, else whether a new edge was written.</returns>
    public async Task<bool?> FollowAsync(string followerId, string followeeId, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, transaction, PairLock, followerId, followeeId);
        await using var blocked = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1))",
            connection, transaction);
        blocked.Parameters.Add(new() { Value = followerId });
        blocked.Parameters.Add(new() { Value = followeeId });
        if ((bool)(await blocked.ExecuteScalarAsync())!) return null;

        await using var insert = new NpgsqlCommand(
            "INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", connection, transaction);
        insert.Parameters.Add(new() { Value = followerId });
        insert.Parameters.Add(new() { Value = followeeId });
        insert.Parameters.Add(new() { Value = now });
        var added = await insert.ExecuteNonQueryAsync() == 1;
        await transaction.CommitAsync();
        return added;
    }

    public async Task<bool> UnfollowAsync(string followerId, string followeeId)
    {
        await using var command = database.CreateCommand("DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2");
        command.Parameters.Add(new() { Value = followerId });
        command.Parameters.Add(new() { Value = followeeId });
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public sealed record BlockChange(bool Added, bool RemovedMyFollow, bool RemovedTheirFollow);

    /// <summary>Writes the block and removes the follows both ways, in one transaction.</summary>
    public async Task<BlockChange> BlockAsync(string blockerId, string blockedId, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, transaction, PairLock, blockerId, blockedId);
        var added = await Execute(connection, transaction,
            "INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", blockerId, blockedId, now) == 1;
        var mine = await Execute(connection, transaction, "DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2", blockerId, blockedId) == 1;
        var theirs = await Execute(connection, transaction, "DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2", blockedId, blockerId) == 1;
        // Waiting follow requests between them go too: a block ends every way in.
        await Execute(connection, transaction, "DELETE FROM follow_requests WHERE (target_id = $1 AND requester_id = $2) OR (target_id = $2 AND requester_id = $1)", blockerId, blockedId);
        await transaction.CommitAsync();
        return new BlockChange(added, mine, theirs);
    }

    public async Task<bool> UnblockAsync(string blockerId, string blockedId)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await Execute(connection, null, "DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2", blockerId, blockedId) == 1;
    }

    public async Task<bool> MuteAsync(string muterId, string mutedId, DateTimeOffset now, bool mute)
    {
        await using var connection = await database.OpenConnectionAsync();
        return mute
            ? await Execute(connection, null, "INSERT INTO mutes (muter_id, muted_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", muterId, mutedId, now) == 1
            : await Execute(connection, null, "DELETE FROM mutes WHERE muter_id = $1 AND muted_id = $2", muterId, mutedId) == 1;
    }

    public sealed record Relations(HashSet<string> Blocked, HashSet<string> BlockedBy, HashSet<string> Muted, int Followers, int Following, int Posts);

    /// <summary>Everything a user grain keeps in memory about its edges and counts, read in one round trip when it activates.</summary>
    public async Task<Relations> LoadAsync(string userId)
    {
        await using var batch = database.CreateBatch();
        foreach (var sql in new[]
        {
            "SELECT blocked_id FROM blocks WHERE blocker_id = $1",
            "SELECT blocker_id FROM blocks WHERE blocked_id = $1",
            "SELECT muted_id FROM mutes WHERE muter_id = $1",
            """
            SELECT (SELECT count(*)::int FROM follows WHERE followee_id = $1),
                   (SELECT count(*)::int FROM follows WHERE follower_id = $1),
                   (SELECT count(*)::int FROM posts WHERE author_id = $1 AND deleted_at IS NULL AND repost_of_id IS NULL)
            """,
        })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new() { Value = userId });
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync();
        var sets = new List<HashSet<string>>();
        for (var i = 0; i < 3; i++)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync()) set.Add(reader.GetString(0));
            sets.Add(set);
            await reader.NextResultAsync();
        }
        await reader.ReadAsync();
        return new Relations(sets[0], sets[1], sets[2], reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public async Task<(bool IFollow, bool FollowsMe)> FollowStateAsync(string userId, string otherId)
    {
        await using var command = database.CreateCommand(
            "SELECT EXISTS (SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2), EXISTS (SELECT 1 FROM follows WHERE follower_id = $2 AND followee_id = $1)");
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = otherId });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    /// <summary>One page of followers (or followees), newest edge first.</summary>
    public async Task<(List<string> Ids, (DateTimeOffset, string)? Next)> PageAsync(string userId, bool followers, (DateTimeOffset At, string Id)? after, int limit)
    {
        var (me, other) = followers ? ("followee_id", "follower_id") : ("follower_id", "followee_id");
        // Column names come from the two fixed pairs above, never from input.
        return await Paging.NewestFirstPage.ReadAsync(database, $"""
            SELECT {other}, created_at FROM follows
            WHERE {me} = $1 AND ($2::timestamptz IS NULL OR (created_at, {other}) < ($2, $3))
            ORDER BY created_at DESC, {other} DESC LIMIT $4
            """, userId, after, limit);
    }

    /// <summary>Followers who read a feed since <paramref name="activeSince"/>: the ones a fan-out pushes to.</summary>
    public async Task<List<string>> ActiveFollowersAsync(string userId, DateTimeOffset activeSince, string? onlyUniversity = null)
    {
        await using var command = database.CreateCommand(onlyUniversity is null
            ? """
              SELECT f.follower_id FROM follows f JOIN user_activity a ON a.user_id = f.follower_id
              WHERE f.followee_id = $1 AND a.last_active_at >= $2
              """
            : """
              SELECT f.follower_id FROM follows f JOIN user_activity a ON a.user_id = f.follower_id JOIN users u ON u.user_id = f.follower_id
              WHERE f.followee_id = $1 AND a.last_active_at >= $2 AND u.university = $3
              """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = activeSince });
        if (onlyUniversity is not null) command.Parameters.Add(new() { Value = onlyUniversity });
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    public async Task SetBigAccountAsync(string userId, bool big, DateTimeOffset now)
    {
        await using var connection = await database.OpenConnectionAsync();
        if (big) await Execute(connection, null, "INSERT INTO big_accounts (user_id, since) VALUES ($1, $2) ON CONFLICT DO NOTHING", userId, now);
        else await Execute(connection, null, "DELETE FROM big_accounts WHERE user_id = $1", userId);
    }

    private static async Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return await command.ExecuteNonQueryAsync();
    }
}
