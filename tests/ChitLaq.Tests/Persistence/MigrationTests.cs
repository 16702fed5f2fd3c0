using System.Reflection;
using ChitLaq.Silo.Persistence;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChitLaq.Tests.Persistence;

public sealed class MigrationTests
{
    private static readonly int EmbeddedScriptCount = typeof(DatabaseMigrator).Assembly
        .GetManifestResourceNames().Count(n => n.Contains(".Persistence.Migrations.") && n.EndsWith(".sql"));

    [Fact]
    public async Task MigrationsStartedConcurrentlyByTwoNodesApplyEachScriptOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var nodes = Enumerable.Range(0, 2)
            .Select(_ => new DatabaseMigrator(database.ConnectionString, NullLogger<DatabaseMigrator>.Instance))
            .ToArray();

        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.MigrateAsync(CancellationToken.None))));

        Assert.True(EmbeddedScriptCount > 0);
        Assert.Equal(EmbeddedScriptCount, (int)await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(EmbeddedScriptCount, (int)await database.ScalarAsync<long>("SELECT count(DISTINCT scriptname) FROM schema_migrations"));
        Assert.Equal(3, (int)await database.ScalarAsync<long>("SELECT count(*) FROM orleansquery"));
    }

    [Fact]
    public async Task RunningMigrationsAgainChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var migrator = new DatabaseMigrator(database.ConnectionString, NullLogger<DatabaseMigrator>.Instance);
        await migrator.MigrateAsync(CancellationToken.None);
        var appliedAt = await database.ScalarAsync<DateTime>("SELECT max(applied) FROM schema_migrations");

        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(EmbeddedScriptCount, (int)await database.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(appliedAt, await database.ScalarAsync<DateTime>("SELECT max(applied) FROM schema_migrations"));
    }
}
