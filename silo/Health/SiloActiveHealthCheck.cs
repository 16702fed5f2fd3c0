using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ChitLaq.Silo.Health;

/// <summary>
/// Ready only while this silo is an active member of the cluster (joined, not shutting down) and
/// the process has not begun to stop: a draining node leaves the load balancer's rotation at once.
/// </summary>
internal sealed class SiloActiveHealthCheck(ISiloStatusOracle statusOracle, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Task.FromResult(HealthCheckResult.Unhealthy($"silo {statusOracle.SiloAddress} is draining"));
        var status = statusOracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {statusOracle.SiloAddress} is active")
            : HealthCheckResult.Unhealthy($"silo {statusOracle.SiloAddress} is {status}"));
    }
}
