using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// The <c>users</c> table: a projection of each account's public profile, written only by the
/// user's own grain (after its state is saved, and again on activation, so a missed write heals)
/// for the queries grains cannot answer one by one — search rebuilds, discovery by university,
/// the posts a trends grain replays (only those of accounts that are not locked).
/// </summary>
public sealed class UserDirectory(NpgsqlDataSource database)
{
    public async Task UpsertAsync(string userId, UserAccountState account)
    {
        await using var command = database.CreateCommand(
            """
            INSERT INTO users (user_id, handle, display_name, university, email_domain, major, graduation_year, email_verified, created_at, updated_at, locked)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (user_id) DO UPDATE SET
                handle = EXCLUDED.handle, display_name = EXCLUDED.display_name, university = EXCLUDED.university,
                email_domain = EXCLUDED.email_domain, major = EXCLUDED.major, graduation_year = EXCLUDED.graduation_year,
                email_verified = EXCLUDED.email_verified, updated_at = EXCLUDED.updated_at, locked = EXCLUDED.locked
            WHERE users.updated_at <= EXCLUDED.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.Handle });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.DisplayName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.University });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = account.EmailDomain });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)account.Major ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)account.GraduationYear ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = account.EmailVerifiedAt is not null });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = account.CreatedAt!.Value });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = account.UpdatedAt });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = account.Locked });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>An erased account leaves the directory (and so, through its trigger, the search index).</summary>
    public async Task DeleteAsync(string userId)
    {
        await using var command = database.CreateCommand("DELETE FROM users WHERE user_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        await command.ExecuteNonQueryAsync();
    }
}
