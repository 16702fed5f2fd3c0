using System.Net;
using System.Text.Json;
using ChitLaq.Grains.Abstractions.Accounts;
using Npgsql;
using NpgsqlTypes;

namespace ChitLaq.Grains.Accounts;

/// <summary>Security events, appended to <c>audit_events</c> (who, from where, when, what).</summary>
public sealed class AuditLog(NpgsqlDataSource database, TimeProvider clock)
{
    public static class Events
    {
        public const string Registered = "register";
        public const string EmailVerified = "email_verified";
        public const string LoginSucceeded = "login_succeeded";
        public const string LoginFailed = "login_failed";
        public const string AccountLocked = "account_locked";
        public const string RefreshReuseDetected = "refresh_reuse_detected";
        public const string Logout = "logout";
        public const string SessionRevoked = "session_revoked";
        public const string PasswordResetRequested = "password_reset_requested";
        public const string PasswordReset = "password_reset";
        public const string RoleGranted = "role_granted";
        public const string RoleRevoked = "role_revoked";
        public const string DeletionRequested = "deletion_requested";
        public const string DeletionCancelled = "deletion_cancelled";
        public const string AccountErased = "account_erased";
        public const string ExportRequested = "export_requested";
    }

    public async Task RecordAsync(string eventType, string? userId, ClientInfo client, object? details = null)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO audit_events (occurred_at, event_type, user_id, ip, user_agent, details) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = eventType });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = ParseIp(client.Ip) ?? (object)DBNull.Value, NpgsqlDbType = NpgsqlDbType.Inet });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)client.UserAgent ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(details ?? new { }), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync();
    }

    internal static IPAddress? ParseIp(string? ip) => IPAddress.TryParse(ip, out var parsed) ? parsed : null;
}
