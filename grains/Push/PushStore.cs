using System.Text.Json;
using ChitLaq.Grains.Abstractions.Push;
using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Push;

/// <summary>The push tables of 0009_push.sql. Subscriptions and preferences are written by the user's push grain; the outbox by it and the senders.</summary>
public sealed class PushStore(NpgsqlDataSource database)
{
    public sealed record Claimed(long PushId, string Payload, string? Topic, string Urgency, int TtlSeconds, int Attempts, DateTimeOffset CreatedAt,
        string SubscriptionId, string Endpoint, string P256dh, string Auth);

    // Subscriptions

    /// <returns>The subscription's id: the existing one when this endpoint was already registered.</returns>
    public async Task<string> UpsertSubscriptionAsync(string newId, string userId, string endpoint, string p256dh, string auth, DateTimeOffset now)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO push_subscriptions (subscription_id, user_id, endpoint, p256dh, auth, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, updated_at = excluded.updated_at
            RETURNING subscription_id
            """);
        Add(command, newId, userId, endpoint, p256dh, auth, now);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Keeps the user's <paramref name="keep"/> most recently registered devices.</summary>
    public Task TrimSubscriptionsAsync(string userId, int keep) => ExecuteAsync("""
        DELETE FROM push_subscriptions WHERE user_id = $1 AND subscription_id NOT IN
            (SELECT subscription_id FROM push_subscriptions WHERE user_id = $1 ORDER BY updated_at DESC LIMIT $2)
        """, userId, keep);

    public async Task<bool> DeleteSubscriptionAsync(string userId, string subscriptionId)
    {
        await using var command = database.CreateCommand("DELETE FROM push_subscriptions WHERE user_id = $1 AND subscription_id = $2");
        Add(command, userId, subscriptionId);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>The push service said the subscription is gone (404/410): it and its queued pushes go.</summary>
    public Task EndSubscriptionAsync(string subscriptionId) => ExecuteAsync("DELETE FROM push_subscriptions WHERE subscription_id = $1", subscriptionId);

    /// <summary>Every device of the user goes, with its queued pushes.</summary>
    public Task DeleteSubscriptionsOfAsync(string userId) => ExecuteAsync("DELETE FROM push_subscriptions WHERE user_id = $1", userId);

    public async Task<bool> HasSubscriptionsAsync(string userId)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM push_subscriptions WHERE user_id = $1)");
        Add(command, userId);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    // Preferences

    public async Task<PushPreferences?> LoadPreferencesAsync(string userId)
    {
        await using var command = database.CreateCommand("SELECT alerts::text, quiet_start, quiet_end, time_zone FROM push_preferences WHERE user_id = $1");
        Add(command, userId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync()) return null;
        var alerts = JsonSerializer.Deserialize<Dictionary<string, bool>>(reader.GetString(0))!;
        var quiet = reader.IsDBNull(1) ? null
            : new QuietHours(TimeOnly.FromTimeSpan(reader.GetFieldValue<TimeSpan>(1)), TimeOnly.FromTimeSpan(reader.GetFieldValue<TimeSpan>(2)), reader.GetString(3));
        return new PushPreferences(alerts, quiet);
    }

    public async Task SavePreferencesAsync(string userId, PushPreferences preferences)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO push_preferences (user_id, alerts, quiet_start, quiet_end, time_zone) VALUES ($1, $2::jsonb, $3, $4, $5)
            ON CONFLICT (user_id) DO UPDATE SET alerts = excluded.alerts, quiet_start = excluded.quiet_start,
                quiet_end = excluded.quiet_end, time_zone = excluded.time_zone
            """);
        command.Parameters.Add(new() { Value = userId });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(preferences.Alerts) });
        command.Parameters.Add(new() { Value = (object?)preferences.Quiet?.Start.ToTimeSpan() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Time });
        command.Parameters.Add(new() { Value = (object?)preferences.Quiet?.End.ToTimeSpan() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Time });
        command.Parameters.Add(new() { Value = (object?)preferences.Quiet?.TimeZone ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }

    // Outbox

    /// <summary>
    /// One row per device of the user, in one statement: how many devices the user has, and how many
    /// rows were queued (fewer when this event was queued for a device before; see 0011_push_once.sql).
    /// </summary>
    public async Task<(int Devices, int Queued)> EnqueueAsync(string userId, string? onceKey, string payload, string? topic, string urgency, int ttlSeconds,
        DateTimeOffset dueAt, DateTimeOffset now)
    {
        await using var command = database.CreateCommand("""
            WITH devices AS (SELECT subscription_id FROM push_subscriptions WHERE user_id = $1),
            queued AS (
                INSERT INTO push_outbox (subscription_id, event_key, payload, topic, urgency, ttl_seconds, due_at, created_at)
                SELECT subscription_id, $2::text, $3::text, $4::text, $5::text, $6::integer, $7::timestamptz, $8::timestamptz FROM devices
                ON CONFLICT (subscription_id, event_key) WHERE event_key IS NOT NULL DO NOTHING
                RETURNING 1)
            SELECT (SELECT count(*) FROM devices)::int, (SELECT count(*) FROM queued)::int
            """);
        Add(command, userId, onceKey, payload, topic, urgency, ttlSeconds, dueAt, now);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>Takes up to <paramref name="batch"/> due pushes for this node until <paramref name="leaseUntil"/>; other nodes skip them.</summary>
    public async Task<List<Claimed>> ClaimAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int batch)
    {
        await using var command = database.CreateCommand("""
            WITH due AS (
                SELECT push_id FROM push_outbox WHERE due_at <= $1 AND sent_at IS NULL ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
            UPDATE push_outbox o SET due_at = $2, attempts = o.attempts + 1
            FROM due, push_subscriptions s
            WHERE o.push_id = due.push_id AND s.subscription_id = o.subscription_id
            RETURNING o.push_id, o.payload, o.topic, o.urgency, o.ttl_seconds, o.attempts, o.created_at, s.subscription_id, s.endpoint, s.p256dh, s.auth
            """);
        Add(command, now, leaseUntil, batch);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Claimed>();
        while (await reader.ReadAsync())
            rows.Add(new Claimed(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetString(7), reader.GetString(8),
                reader.GetString(9), reader.GetString(10)));
        return rows;
    }

    /// <summary>Sent (or given up): a row with an event key stays as the marker that it was; one without goes.</summary>
    public Task CompleteAsync(long pushId, DateTimeOffset now) => ExecuteAsync("""
        WITH done AS (DELETE FROM push_outbox WHERE push_id = $1 AND event_key IS NULL RETURNING 1)
        UPDATE push_outbox SET sent_at = $2, payload = '' WHERE push_id = $1 AND event_key IS NOT NULL
        """, pushId, now);

    /// <summary>Forgets the markers of pushes sent before <paramref name="before"/>, a batch at a time; how many went.</summary>
    public async Task<int> ForgetSentAsync(DateTimeOffset before, int batch)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM push_outbox WHERE push_id IN (SELECT push_id FROM push_outbox WHERE sent_at < $1 LIMIT $2)
            """);
        Add(command, before, batch);
        return await command.ExecuteNonQueryAsync();
    }

    public Task RetryAtAsync(long pushId, DateTimeOffset dueAt) => ExecuteAsync("UPDATE push_outbox SET due_at = $2 WHERE push_id = $1", pushId, dueAt);

    private async Task ExecuteAsync(string sql, params object?[] values)
    {
        await using var command = database.CreateCommand(sql);
        Add(command, values);
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
    }
}
