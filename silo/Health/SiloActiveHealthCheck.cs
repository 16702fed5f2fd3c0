using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace ChitLaq.Silo.Health;

/// <summary>Ready only while this silo is an active member of the cluster (joined, not shutting down).</summary>
internal sealed class SiloActiveHealthCheck(ISiloStatusOracle statusOracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = statusOracle.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {statusOracle.SiloAddress} is active")
            : HealthCheckResult.Unhealthy($"silo {statusOracle.SiloAddress} is {status}"));
    }
}
