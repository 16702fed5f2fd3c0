using ChitLaq.Grains.Abstractions.Accounts;
using Npgsql;

namespace ChitLaq.Grains.Privacy;

/// <summary>
/// The job tables of 0013_account_lifecycle.sql. A claim moves a job's <c>due_at</c> past a lease
/// under <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same job and a job whose node
/// died comes due again when the lease ends. Requests are written by the user's grain.
/// </summary>
public sealed class AccountJobStore(NpgsqlDataSource database)
{
    private const string ExportColumns = "export_id, status, requested_at, ready_at, expires_at, bytes, archive_key";

    // Exports

    public async Task<DataExportView> InsertExportAsync(string exportId, string userId, DateTimeOffset now)
    {
        await ExecuteAsync("INSERT INTO data_exports (export_id, user_id, requested_at, status, due_at) VALUES ($1, $2, $3, 'pending', $3)",
            exportId, userId, now);
        return new DataExportView(exportId, ExportStatuses.Pending, now, null, null, null, null);
    }

    /// <summary>The user's exports, newest first; a ready one past its download period reads as expired.</summary>
    public async Task<List<DataExportView>> ExportsOfAsync(string userId, int limit, DateTimeOffset now)
    {
        await using var command = Command($"SELECT {ExportColumns} FROM data_exports WHERE user_id = $1 ORDER BY export_id DESC LIMIT $2", userId, limit);
        return await ReadExportsAsync(command, now);
    }

    public async Task<DataExportView?> ExportAsync(string userId, string exportId, DateTimeOffset now)
    {
        await using var command = Command($"SELECT {ExportColumns} FROM data_exports WHERE user_id = $1 AND export_id = $2", userId, exportId);
        return (await ReadExportsAsync(command, now)).FirstOrDefault();
    }

    public sealed record ClaimedExport(string ExportId, string UserId, int Attempts);

    public async Task<ClaimedExport?> ClaimExportAsync(DateTimeOffset now, DateTimeOffset leaseEnd)
    {
        await using var command = Command("""
            UPDATE data_exports SET due_at = $2, attempts = attempts + 1
            WHERE export_id = (SELECT export_id FROM data_exports WHERE status = 'pending' AND due_at <= $1
                               ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING export_id, user_id, attempts
            """, now, leaseEnd);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ClaimedExport(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)) : null;
    }

    /// <returns>False when the export is no longer pending (its owner's account was erased meanwhile).</returns>
    public async Task<bool> MarkExportReadyAsync(string exportId, string archiveKey, long bytes, DateTimeOffset now, DateTimeOffset expiresAt) =>
        await ExecuteAsync("""
            UPDATE data_exports SET status = 'ready', archive_key = $2, bytes = $3, ready_at = $4, expires_at = $5
            WHERE export_id = $1 AND status = 'pending'
            """, exportId, archiveKey, bytes, now, expiresAt) == 1;

    /// <summary>After a failed attempt: try again at <paramref name="retryAt"/>, or give up.</summary>
    public Task ExportAttemptFailedAsync(string exportId, DateTimeOffset retryAt, bool giveUp) => giveUp
        ? ExecuteAsync("UPDATE data_exports SET status = 'failed' WHERE export_id = $1 AND status = 'pending'", exportId)
        : ExecuteAsync("UPDATE data_exports SET due_at = $2 WHERE export_id = $1 AND status = 'pending'", exportId, retryAt);

    /// <summary>Marks up to <paramref name="batch"/> ready exports past their period expired; returns their archive keys.</summary>
    public async Task<List<string?>> ExpireExportsAsync(DateTimeOffset now, int batch)
    {
        await using var command = Command("""
            UPDATE data_exports e SET status = 'expired', archive_key = NULL
            FROM (SELECT export_id, archive_key FROM data_exports WHERE status = 'ready' AND expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED) old
            WHERE e.export_id = old.export_id
            RETURNING old.archive_key
            """, now, batch);
        return await ReadStringsAsync(command);
    }

    /// <summary>Deletes every export of the user (an erasure); returns the archive keys to delete.</summary>
    public async Task<List<string>> DeleteExportsOfAsync(string userId)
    {
        await using var command = Command("DELETE FROM data_exports WHERE user_id = $1 RETURNING archive_key", userId);
        return (await ReadStringsAsync(command)).OfType<string>().ToList();
    }

    // Deletions

    /// <summary>Schedules (or reschedules) the erasure of an account.</summary>
    public Task ScheduleDeletionAsync(string userId, DateTimeOffset now, DateTimeOffset eraseAt) => ExecuteAsync("""
        INSERT INTO account_deletions (user_id, requested_at, erase_at, due_at) VALUES ($1, $2, $3, $3)
        ON CONFLICT (user_id) DO UPDATE SET requested_at = excluded.requested_at, erase_at = excluded.erase_at, due_at = excluded.due_at,
            step = 0, attempts = 0, started_at = NULL, finished_at = NULL
        """, userId, now, eraseAt);

    /// <summary>The owner came back (or never asked): the job goes, unless the erasure already started.</summary>
    public Task CancelDeletionAsync(string userId) =>
        ExecuteAsync("DELETE FROM account_deletions WHERE user_id = $1 AND finished_at IS NULL", userId);

    public sealed record ClaimedDeletion(string UserId, int Step, int Attempts);

    public async Task<ClaimedDeletion?> ClaimDeletionAsync(DateTimeOffset now, DateTimeOffset leaseEnd)
    {
        await using var command = Command("""
            UPDATE account_deletions SET due_at = $2, attempts = attempts + 1
            WHERE user_id = (SELECT user_id FROM account_deletions WHERE finished_at IS NULL AND due_at <= $1
                             ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING user_id, step, attempts
            """, now, leaseEnd);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ClaimedDeletion(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)) : null;
    }

    /// <summary>Records the steps done and extends the claim: a node that takes over starts from here.</summary>
    public Task RecordErasureProgressAsync(string userId, int stepsDone, DateTimeOffset leaseEnd) =>
        ExecuteAsync("UPDATE account_deletions SET step = $2, due_at = $3 WHERE user_id = $1 AND finished_at IS NULL", userId, stepsDone, leaseEnd);

    /// <summary>Comes due again at <paramref name="at"/> (the grace period is not over, or an attempt failed).</summary>
    public Task PostponeDeletionAsync(string userId, DateTimeOffset at) =>
        ExecuteAsync("UPDATE account_deletions SET due_at = $2 WHERE user_id = $1 AND finished_at IS NULL", userId, at);

    /// <summary>The account's grain allowed the erasure: from now on it cannot be cancelled.</summary>
    public Task ErasureStartedAsync(string userId, DateTimeOffset now) =>
        ExecuteAsync("UPDATE account_deletions SET started_at = COALESCE(started_at, $2) WHERE user_id = $1", userId, now);

    /// <summary>The erasure is complete: the row stays as the record that it happened (an id and times, nothing personal).</summary>
    public Task FinishDeletionAsync(string userId, DateTimeOffset now) =>
        ExecuteAsync("UPDATE account_deletions SET finished_at = $2 WHERE user_id = $1", userId, now);

    // Helpers

    private static async Task<List<DataExportView>> ReadExportsAsync(NpgsqlCommand command, DateTimeOffset now)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var exports = new List<DataExportView>();
        while (await reader.ReadAsync())
        {
            var status = reader.GetString(1);
            DateTimeOffset? expiresAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            var expired = status == ExportStatuses.Ready && expiresAt <= now;
            exports.Add(new DataExportView(reader.GetString(0), expired ? ExportStatuses.Expired : status, reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), expiresAt,
                reader.IsDBNull(5) ? null : reader.GetInt64(5), expired || reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return exports;
    }

    private static async Task<List<string?>> ReadStringsAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync()) values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        return values;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = database.CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    private async Task<int> ExecuteAsync(string sql, params object[] values)
    {
        await using var command = Command(sql, values);
        return await command.ExecuteNonQueryAsync();
    }
}
