using ChitLaq.Grains;
using ChitLaq.Silo.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChitLaq.Silo.Health;

public static class HealthSetup
{
    private const string ReadyTag = "ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static WebApplicationBuilder AddChitLaqHealthChecks(this WebApplicationBuilder builder, NodeSettings node)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReachableHealthCheck>("postgres", tags: [ReadyTag])
            .AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag]);
        if (node.UsesRedisClustering)
            checks.AddRedis(node.RedisConnectionString!, name: "redis", tags: [ReadyTag], timeout: CheckTimeout);

        builder.Services.AddSelfValidatingOptions<DatabaseWatchdogOptions>(builder.Configuration, DatabaseWatchdogOptions.Section);
        builder.Services.AddSingleton<ChitLaq.Grains.Health.DatabaseReachability>();
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DatabaseWatchdog>(sp, node));
        builder.Services.AddHostedService<ClusterHealthMetrics>();
        return builder;
    }

    /// <summary>/health/live: the process answers. /health/ready: it can serve (PostgreSQL, cluster, Redis).</summary>
    public static IEndpointRouteBuilder MapChitLaqHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).ExcludeFromDescription();

        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(ReadyTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).ExcludeFromDescription();
        return endpoints;
    }
}
