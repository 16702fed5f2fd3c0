using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Grains.Search;

public static class SearchServices
{
    /// <summary>The node's index, the indexer that keeps it current, and the queries the search grain runs.</summary>
    public static IServiceCollection AddSearchGrainServices(this IServiceCollection services, IConfiguration configuration, string defaultIndexPath)
    {
        services.AddSelfValidatingOptions<SearchOptions>(configuration, SearchOptions.Section)
            .PostConfigure(o => { if (string.IsNullOrWhiteSpace(o.IndexPath)) o.IndexPath = defaultIndexPath;
        services.TryAddSingleton<ChitLaqMetrics>(); });
        services.AddSingleton<SearchStore>();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchQueries>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return services;
    }
}
