using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace ChitLaq.Silo.Persistence;

/// <summary>
/// Applies the SQL migrations embedded in this assembly (Persistence/Migrations/NNNN_name.sql,
/// in name order) with DbUp, recording each in <c>schema_migrations</c>. A PostgreSQL advisory
/// lock makes it safe for several nodes to start at the same moment: one applies, the others
/// wait and then find nothing left to do.
/// </summary>
public sealed class DatabaseMigrator(string connectionString, ILogger<DatabaseMigrator> logger)
{
    // Any constant shared by every node of the service; "chitlaq" in ASCII.
    private const long MigrationLockKey = 0x636869746c6171;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, "SELECT pg_advisory_lock(@key)", cancellationToken);
        try
        {
            var result = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(".Persistence.Migrations.", StringComparison.Ordinal))
                .JournalToPostgresqlTable("public", "schema_migrations")
                .WithTransactionPerScript()
                .LogTo(new UpgradeLog(logger))
                .Build()
                .PerformUpgrade();

            if (!result.Successful)
                throw new InvalidOperationException($"Database migration {result.ErrorScript?.Name} failed.", result.Error);
        }
        finally
        {
            await ExecuteAsync(lockConnection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", MigrationLockKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>DbUp's progress, sent to the application log.</summary>
    private sealed class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace(Format(format, args));
        public void LogDebug(string format, params object[] args) => logger.LogDebug(Format(format, args));
        public void LogInformation(string format, params object[] args) => logger.LogInformation(Format(format, args));
        public void LogWarning(string format, params object[] args) => logger.LogWarning(Format(format, args));
        public void LogError(string format, params object[] args) => logger.LogError(Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}
