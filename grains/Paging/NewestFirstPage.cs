using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Paging;

/// <summary>
/// One page of a list kept newest first by (created_at, id) — followers, follow requests,
/// bookmarks — read by keyset, so pages never skip or repeat rows while the list changes.
/// The query takes $1 the owner, $2 and $3 the position after which to read (null: from the
/// start), $4 how many rows, and returns (id, created_at).
/// </summary>
public static class NewestFirstPage
{
    public static async Task<(List<string> Ids, (DateTimeOffset, string)? Next)> ReadAsync(
        NpgsqlDataSource database, string sql, string ownerId, (DateTimeOffset At, string Id)? after, int limit)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ownerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)after?.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = after?.Id ?? "", NpgsqlDbType = NpgsqlDbType.Text });
        // One more than asked: whether there is a next page at all.
        command.Parameters.Add(new NpgsqlParameter { Value = limit + 1 });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string Id, DateTimeOffset At)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1)));
        var page = rows.Take(limit).ToList();
        return (page.Select(r => r.Id).ToList(), rows.Count > limit ? (page[^1].At, page[^1].Id) : null);
    }
}
