using ChitLaq.Silo.Hosting;
using Npgsql;

namespace ChitLaq.Silo.Persistence;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the PostgreSQL data source the project's own tables use and the start-up
    /// migration step. Call before <see cref="OrleansSetup.AddChitLaqOrleans"/>.
    /// </summary>
    public static WebApplicationBuilder AddChitLaqDatabase(this WebApplicationBuilder builder, NodeSettings node)
    {
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(node.PostgresConnectionString).Build());
        builder.Services.AddSingleton(sp => new DatabaseMigrator(node.PostgresConnectionString, sp.GetRequiredService<ILogger<DatabaseMigrator>>()));
        builder.Services.AddHostedService<MigrationHostedService>();
        return builder;
    }
}
