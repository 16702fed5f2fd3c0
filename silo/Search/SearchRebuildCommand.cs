using ChitLaq.Grains.Search;
using ChitLaq.Silo.Hosting;
using ChitLaq.Silo.Persistence;
using Lucene.Net.Store;

namespace ChitLaq.Silo.Search;

/// <summary>
/// <c>ChitLaq.Silo search rebuild</c>: regenerates this node's index from the tables, with the
/// node's own configuration (so the same <c>Search:IndexPath</c>). The node must be stopped: the
/// index folder is locked while a node uses it.
/// </summary>
public static class SearchRebuildCommand
{
    public static bool Matches(string[] args) => args is ["search", "rebuild", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args[2..],
            ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
        });
        var node = NodeSettings.From(builder.Configuration);
        builder.Services.AddChitLaqDatabaseServices(node);
        builder.Services.AddSearchGrainServices(builder.Configuration, SearchSetup.DefaultIndexPath(node));
        await using var services = builder.Services.BuildServiceProvider();
        var logger = services.GetRequiredService<ILogger<SearchIndex>>();
        try
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            using var index = services.GetRequiredService<SearchIndex>();
            var documents = await SearchIndexBuilder.BuildAsync(index, services.GetRequiredService<SearchStore>(), TimeProvider.System, logger, CancellationToken.None);
            Console.WriteLine($"search index rebuilt: {documents} documents");
            return 0;
        }
        catch (LockObtainFailedException)
        {
            Console.Error.WriteLine("The search index is in use by a running node: stop the node, then rebuild.");
            return 2;
        }
    }
}
