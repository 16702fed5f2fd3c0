using ChitLaq.Grains.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChitLaq.Silo.Health;

/// <summary>
/// Readiness' database check reads the watchdog's latest probe instead of querying on every call:
/// a probe of a silently unreachable server waits out its timeout, and load balancers ask often.
/// The probe runs every 2 s with a fresh connection, so this is at most a few seconds behind.
/// </summary>
internal sealed class DatabaseReachableHealthCheck(DatabaseReachability database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.ReachableWithin(DatabaseProbeGrain.Freshness)
            ? HealthCheckResult.Healthy("PostgreSQL answered this node's last probe")
            : HealthCheckResult.Unhealthy($"PostgreSQL has not answered this node's probes for {DatabaseProbeGrain.Freshness.TotalSeconds:F0} s or more"));
}
