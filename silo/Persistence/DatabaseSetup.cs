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
        builder.Services.AddChitLaqDatabaseServices(node);
        builder.Services.AddHostedService<MigrationHostedService>();
        return builder;
    }

    /// <summary>The data source and the migrator, without running migrations at start (for commands like the search rebuild).</summary>
    public static IServiceCollection AddChitLaqDatabaseServices(this IServiceCollection services, NodeSettings node)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(node.PostgresConnectionString).Build());
        services.AddSingleton(sp => new DatabaseMigrator(node.PostgresConnectionString, sp.GetRequiredService<ILogger<DatabaseMigrator>>()));
        return services;
    }
}
