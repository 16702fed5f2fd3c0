using System.Net.Sockets;
using ChitLaq.Grains.Abstractions.Errors;
using Npgsql;

namespace ChitLaq.Silo.Persistence;

/// <summary>
/// Runs the migrations before the silo starts: it is registered ahead of Orleans, and hosted
/// services start in registration order, so grain storage never sees an old schema. While the
/// database cannot be reached (a node restarted during a network fault, or started before the
/// database), it waits and tries again for <see cref="StartupWait"/>, and the node joins the
/// cluster only once it can store grains; until then nothing listens, so a load balancer sends
/// requests to the other nodes. A database that refuses us for another reason (a wrong password,
/// a failing migration) stops the start at once.
/// </summary>
internal sealed partial class MigrationHostedService(DatabaseMigrator migrator, IConfiguration configuration, TimeProvider time,
    ILogger<MigrationHostedService> logger) : IHostedService
{
    private TimeSpan StartupWait => configuration.GetValue("Database:StartupWait", TimeSpan.FromMinutes(5));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (IsUnreachable(ex) && time.GetUtcNow() - started < StartupWait && !cancellationToken.IsCancellationRequested)
            {
                LogWaiting(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsUnreachable(Exception ex) => ex switch
    {
        // Npgsql marks a failed or timed-out connect (its inner socket or timeout error) as transient.
        NpgsqlException npgsql => DatabaseErrors.IsTransient(npgsql),
        SocketException or TimeoutException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL cannot be reached (attempt {Attempt}): {Reason}. The node joins the cluster once it can; waiting.")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}
