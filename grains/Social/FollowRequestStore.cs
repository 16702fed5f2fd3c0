using Npgsql;

namespace ChitLaq.Grains.Social;

/// <summary><c>follow_requests</c>: requests to follow locked accounts (0012_privacy.sql). Written by the target's graph grain, and by the requester's to ask or cancel.</summary>
public sealed class FollowRequestStore(NpgsqlDataSource database)
{
    /// <returns>Whether a new request was written (false: it was already waiting).</returns>
    public async Task<bool> RequestAsync(string requesterId, string targetId, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO follow_requests (target_id, requester_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        Add(command, targetId, requesterId, now);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <returns>Whether there was such a request.</returns>
    public async Task<bool> RemoveAsync(string requesterId, string targetId)
    {
        await using var command = database.CreateCommand("DELETE FROM follow_requests WHERE target_id = $1 AND requester_id = $2");
        Add(command, targetId, requesterId);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<bool> ExistsAsync(string requesterId, string targetId)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM follow_requests WHERE target_id = $1 AND requester_id = $2)");
        Add(command, targetId, requesterId);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Requests waiting for <paramref name="targetId"/>, newest first.</summary>
    public Task<(List<string> Ids, (DateTimeOffset, string)? Next)> PageAsync(string targetId, (DateTimeOffset At, string Id)? after, int limit) =>
        Paging.NewestFirstPage.ReadAsync(database, """
            SELECT requester_id, created_at FROM follow_requests
            WHERE target_id = $1 AND ($2::timestamptz IS NULL OR (created_at, requester_id) < ($2, $3))
            ORDER BY created_at DESC, requester_id DESC LIMIT $4
            """, targetId, after, limit);

    /// <summary>Everyone waiting for <paramref name="targetId"/> (to approve them all when the account unlocks).</summary>
    public async Task<List<string>> AllForAsync(string targetId)
    {
        await using var command = database.CreateCommand("SELECT requester_id FROM follow_requests WHERE target_id = $1 ORDER BY created_at");
        Add(command, targetId);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}
