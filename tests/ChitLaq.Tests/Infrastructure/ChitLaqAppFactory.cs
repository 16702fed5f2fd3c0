using ChitLaq.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// The real ChitLaq process (co-hosted silo + API) in memory, on a real PostgreSQL database,
/// with its own silo and gateway ports so several can run at once.
/// </summary>
public sealed class ChitLaqAppFactory(string postgresConnectionString, string? redisConnectionString = null) : WebApplicationFactory<Program>
{
    private readonly List<IApiModule> _modules = [];

    public int SiloPort { get; } = FreePorts.Next();
    public int GatewayPort { get; } = FreePorts.Next();

    /// <summary>Adds endpoints under /api/v1 for a test (e.g. to exercise the error pipeline).</summary>
    public ChitLaqAppFactory WithModule(IApiModule module)
    {
        _modules.Add(module);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", postgresConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConnectionString ?? "");
        builder.UseSetting("Orleans:Endpoints:SiloPort", SiloPort.ToString());
        builder.UseSetting("Orleans:Endpoints:GatewayPort", GatewayPort.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            foreach (var module in _modules) services.AddSingleton(module);
        });
    }
}
