using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChitLaq.Grains.Search;

public static class SearchServices
{
    /// <summary>The node's index, the indexer that keeps it current, and the queries the search grain runs.</summary>
    public static IServiceCollection AddSearchGrainServices(this IServiceCollection services, IConfiguration configuration, string defaultIndexPath)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.Section))
            .PostConfigure(o => { if (string.IsNullOrWhiteSpace(o.IndexPath)) o.IndexPath = defaultIndexPath; })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SearchOptions>, SearchOptionsValidator>();
        services.AddSingleton<SearchStore>();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchQueries>();
        services.AddSingleton<SearchIndexer>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchIndexer>());
        return services;
    }

    private sealed class SearchOptionsValidator : IValidateOptions<SearchOptions>
    {
        public ValidateOptionsResult Validate(string? name, SearchOptions options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
