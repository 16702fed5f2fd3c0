using ChitLaq.Grains.Abstractions.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Accounts;

/// <summary>
/// Sessions and their rotating refresh tokens in <c>auth_sessions</c> / <c>auth_refresh_tokens</c>.
/// Only the owning user grain calls it, so the read-then-write steps below never race.
/// </summary>
public sealed class SessionStore(NpgsqlDataSource database)
{
    public sealed record Issued(Guid SessionId, string Secret, DateTimeOffset ExpiresAt);

    public enum RotationOutcome { Rotated, Invalid, Reused, Throttled }

    public sealed record Rotation(RotationOutcome Outcome, Issued? Next = null, Guid? SessionId = null, TimeSpan? RetryAfter = null);

    public async Task<Issued> StartAsync(string userId, ClientInfo client, DateTimeOffset now, TimeSpan lifetime, TimeSpan idleLifetime)
    {
        var sessionId = Guid.CreateVersion7();
        var expiresAt = now + lifetime;
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO auth_sessions (session_id, user_id, created_at, expires_at, last_used_at, user_agent, ip) VALUES ($1, $2, $3, $4, $3, $5, $6)",
            connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = expiresAt });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)Truncate(client.UserAgent) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = AuditLog.ParseIp(client.Ip) ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Inet });
            await insert.ExecuteNonQueryAsync();
        }
        var secret = await IssueTokenAsync(connection, transaction, sessionId, now, Min(now + idleLifetime, expiresAt));
        await transaction.CommitAsync();
        return new Issued(sessionId, secret, Min(now + idleLifetime, expiresAt));
    }

    /// <summary>
    /// Spends the presented token and issues its successor. A token that was already spent means
    /// it was copied: the whole session is revoked, so neither the thief nor the owner can go on.
    /// </summary>
    /// <param name="mayRotate">Asked once the live session is known, before its token is spent: null lets the rotation go ahead, a wait refuses it (the token stays valid).</param>
    public async Task<Rotation> RotateAsync(string userId, string secret, ClientInfo client, DateTimeOffset now, TimeSpan idleLifetime,
        Func<Guid, TimeSpan?> mayRotate)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Guid sessionId;
        DateTimeOffset idleExpiresAt, sessionExpiresAt;
        bool spent, revoked;
        await using (var find = new NpgsqlCommand(
            """
            SELECT t.session_id, t.idle_expires_at, t.spent_at IS NOT NULL, s.expires_at, s.revoked_at IS NOT NULL
            FROM auth_refresh_tokens t JOIN auth_sessions s ON s.session_id = t.session_id
            WHERE t.token_hash = $1 AND s.user_id = $2
            FOR UPDATE OF t, s
            """, connection, transaction))
        {
            find.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SecretTokens.Hash(secret) });
            find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
            await using var reader = await find.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return new Rotation(RotationOutcome.Invalid);
            sessionId = reader.GetGuid(0);
            idleExpiresAt = reader.GetFieldValue<DateTimeOffset>(1);
            spent = reader.GetBoolean(2);
            sessionExpiresAt = reader.GetFieldValue<DateTimeOffset>(3);
            revoked = reader.GetBoolean(4);
        }

        if (revoked) return new Rotation(RotationOutcome.Invalid, SessionId: sessionId);
        if (spent)
        {
            await RevokeAsync(connection, transaction, "session_id = $1", sessionId, now, "refresh_token_reuse");
            await transaction.CommitAsync();
            return new Rotation(RotationOutcome.Reused, SessionId: sessionId);
        }
        if (now >= idleExpiresAt || now >= sessionExpiresAt) return new Rotation(RotationOutcome.Invalid, SessionId: sessionId);
        if (mayRotate(sessionId) is { } wait) return new Rotation(RotationOutcome.Throttled, SessionId: sessionId, RetryAfter: wait);

        await using (var spend = new NpgsqlCommand("UPDATE auth_refresh_tokens SET spent_at = $2 WHERE token_hash = $1", connection, transaction))
        {
            spend.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SecretTokens.Hash(secret) });
            spend.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            await spend.ExecuteNonQueryAsync();
        }
        await using (var touch = new NpgsqlCommand(
            "UPDATE auth_sessions SET last_used_at = $2, user_agent = COALESCE($3, user_agent), ip = COALESCE($4, ip) WHERE session_id = $1",
            connection, transaction))
        {
            touch.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
            touch.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            touch.Parameters.Add(new NpgsqlParameter { Value = (object?)Truncate(client.UserAgent) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            touch.Parameters.Add(new NpgsqlParameter { Value = AuditLog.ParseIp(client.Ip) ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Inet });
            await touch.ExecuteNonQueryAsync();
        }
        var nextIdleExpiry = Min(now + idleLifetime, sessionExpiresAt);
        var next = await IssueTokenAsync(connection, transaction, sessionId, now, nextIdleExpiry);
        await transaction.CommitAsync();
        return new Rotation(RotationOutcome.Rotated, new Issued(sessionId, next, nextIdleExpiry), sessionId);
    }

    /// <summary>Ends the session the presented refresh token belongs to; returns its id if there was one.</summary>
    public async Task<Guid?> EndBySecretAsync(string userId, string secret, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(
            """
            UPDATE auth_sessions s SET revoked_at = $3, revoke_reason = 'logout'
            FROM auth_refresh_tokens t
            WHERE t.token_hash = $1 AND t.session_id = s.session_id AND s.user_id = $2 AND s.revoked_at IS NULL
            RETURNING s.session_id
            """);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SecretTokens.Hash(secret) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        return await command.ExecuteScalarAsync() is Guid id ? id : null;
    }

    public async Task<bool> EndAsync(string userId, Guid sessionId, DateTimeOffset now, string reason)
    {
        await using var command = database.CreateCommand(
            "UPDATE auth_sessions SET revoked_at = $3, revoke_reason = $4 WHERE session_id = $1 AND user_id = $2 AND revoked_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public async Task<int> EndAllAsync(string userId, DateTimeOffset now, string reason)
    {
        await using var connection = await database.OpenConnectionAsync();
        return await RevokeAsync(connection, null, "user_id = $1", userId, now, reason);
    }

    public async Task<IReadOnlyList<SessionInfo>> ListActiveAsync(string userId, DateTimeOffset now)
    {
        await using var command = database.CreateCommand(
            """
            SELECT session_id, created_at, last_used_at, expires_at, user_agent, host(ip)
            FROM auth_sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2
            ORDER BY last_used_at DESC LIMIT 100
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        await using var reader = await command.ExecuteReaderAsync();
        var sessions = new List<SessionInfo>();
        while (await reader.ReadAsync())
        {
            sessions.Add(new SessionInfo(
                reader.GetGuid(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }
        return sessions;
    }

    private static async Task<string> IssueTokenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid sessionId, DateTimeOffset now, DateTimeOffset idleExpiresAt)
    {
        var secret = SecretTokens.NewSecret();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO auth_refresh_tokens (token_hash, session_id, issued_at, idle_expires_at) VALUES ($1, $2, $3, $4)",
            connection, transaction);
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SecretTokens.Hash(secret) });
        insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = sessionId });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = idleExpiresAt });
        await insert.ExecuteNonQueryAsync();
        return secret;
    }

    private static async Task<int> RevokeAsync<TKey>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, TKey key, DateTimeOffset now, string reason)
    {
        // "where" is one of two fixed predicates chosen in this class, never user input.
        await using var revoke = new NpgsqlCommand(
            $"UPDATE auth_sessions SET revoked_at = $2, revoke_reason = $3 WHERE {where} AND revoked_at IS NULL", connection, transaction);
        revoke.Parameters.Add(new NpgsqlParameter<TKey> { TypedValue = key });
        revoke.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        revoke.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        return await revoke.ExecuteNonQueryAsync();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? Truncate(string? userAgent) => userAgent is { Length: > 512 } ? userAgent[..512] : userAgent;
}
