namespace ChitLaq.Silo.Persistence;

/// <summary>
/// Runs the migrations before the silo starts: it is registered ahead of Orleans, and hosted
/// services start in registration order, so grain storage never sees an old schema.
/// </summary>
internal sealed class MigrationHostedService(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
