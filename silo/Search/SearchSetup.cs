using ChitLaq.Grains.Search;
using ChitLaq.Silo.Hosting;

namespace ChitLaq.Silo.Search;

public static class SearchSetup
{
    /// <summary>Without <c>Search:IndexPath</c>: <c>.data/search/silo-&lt;port&gt;</c>, one folder per node on a machine.</summary>
    public static string DefaultIndexPath(NodeSettings node) => Path.Combine(".data", "search", $"silo-{node.SiloPort}");

    public static WebApplicationBuilder AddChitLaqSearch(this WebApplicationBuilder builder, NodeSettings node)
    {
        builder.Services.AddSearchGrainServices(builder.Configuration, DefaultIndexPath(node));
        return builder;
    }
}
