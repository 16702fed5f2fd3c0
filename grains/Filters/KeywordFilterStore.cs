using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Filters;

/// <summary>The <c>keyword_filters</c> table; written only by the owning user's graph grain.</summary>
public sealed class KeywordFilterStore(NpgsqlDataSource database)
{
    public sealed record Row(string Id, string Phrase, bool WholeWord, string[] Contexts, string Action, DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);

    /// <summary>The user's filters that have not expired; expired ones are deleted on the way.</summary>
    public async Task<List<Row>> LoadAsync(string userId, DateTimeOffset now)
    {
        await using (var purge = database.CreateCommand("DELETE FROM keyword_filters WHERE user_id = $1 AND expires_at <= $2"))
        {
            purge.Parameters.Add(new() { Value = userId });
            purge.Parameters.Add(new() { Value = now });
            await purge.ExecuteNonQueryAsync();
        }
        await using var command = database.CreateCommand("""
            SELECT filter_id, phrase, whole_word, contexts, action, expires_at, created_at
            FROM keyword_filters WHERE user_id = $1 ORDER BY created_at DESC, filter_id DESC
            """);
        command.Parameters.Add(new() { Value = userId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetFieldValue<string[]>(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6)));
        return rows;
    }

    public async Task InsertAsync(string userId, Row row)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO keyword_filters (user_id, filter_id, phrase, whole_word, contexts, action, expires_at, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = row.Id });
        command.Parameters.Add(new() { Value = row.Phrase });
        command.Parameters.Add(new() { Value = row.WholeWord });
        command.Parameters.Add(new() { Value = row.Contexts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = row.Action });
        command.Parameters.Add(new() { Value = (object?)row.ExpiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = row.CreatedAt });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<bool> DeleteAsync(string userId, string filterId)
    {
        await using var command = database.CreateCommand("DELETE FROM keyword_filters WHERE user_id = $1 AND filter_id = $2");
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = filterId });
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
