using ChitLaq.Grains.Abstractions.Chat;
using Npgsql;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// <c>message_reactions</c>: one row per member, message and emoji. Only the conversation's grain
/// writes, one change at a time, so counts are exact however many members react at once.
/// </summary>
public sealed class ReactionStore(NpgsqlDataSource database)
{
    /// <summary>The reactions on these messages: per seq, each emoji with its reactors (first emoji used first).</summary>
    public async Task<Dictionary<long, List<ReactionView>>> OfAsync(string conversationId, IReadOnlyList<long> seqs)
    {
        await using var command = database.CreateCommand("""
            SELECT seq, emoji, array_agg(user_id ORDER BY created_at, user_id)
            FROM message_reactions WHERE conversation_id = $1 AND seq = ANY($2)
            GROUP BY seq, emoji ORDER BY seq, min(created_at), emoji
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
        command.Parameters.Add(new NpgsqlParameter { Value = seqs.ToArray() });
        await using var reader = await command.ExecuteReaderAsync();
        var found = new Dictionary<long, List<ReactionView>>();
        while (await reader.ReadAsync())
        {
            var seq = reader.GetInt64(0);
            if (!found.TryGetValue(seq, out var list)) found[seq] = list = [];
            list.Add(new ReactionView(reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        }
        return found;
    }

    /// <summary>How many different emojis the message has besides <paramref name="emoji"/>, and whether it has that one.</summary>
    public async Task<(int Others, bool Has)> KindsAsync(string conversationId, long seq, string emoji)
    {
        await using var command = database.CreateCommand("""
            SELECT count(DISTINCT emoji) FILTER (WHERE emoji <> $3), coalesce(bool_or(emoji = $3), false)
            FROM message_reactions WHERE conversation_id = $1 AND seq = $2
            """);
        Add(command, conversationId, seq, emoji);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return ((int)reader.GetInt64(0), reader.GetBoolean(1));
    }

    /// <returns>Whether a row was added (false: the member had already reacted so).</returns>
    public async Task<bool> AddAsync(string conversationId, long seq, string emoji, string userId, DateTimeOffset at)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO message_reactions (conversation_id, seq, emoji, user_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING");
        Add(command, conversationId, seq, emoji, userId, at);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public async Task<bool> RemoveAsync(string conversationId, long seq, string emoji, string userId)
    {
        await using var command = database.CreateCommand(
            "DELETE FROM message_reactions WHERE conversation_id = $1 AND seq = $2 AND emoji = $3 AND user_id = $4");
        Add(command, conversationId, seq, emoji, userId);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static void Add(NpgsqlCommand command, params object[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
    }
}
