using ChitLaq.Grains.Health;

namespace ChitLaq.Silo.Health;

/// <summary>
/// What this node sees of the cluster, for dashboards and alerts: the active silos in its
/// membership view (a lost node shows up here on every survivor once it is declared dead) and
/// whether its own last database probe succeeded (a node that alone lost PostgreSQL shows 0 here
/// while the others show 1).
/// </summary>
public sealed class ClusterHealthMetrics : IHostedService
{
    public ClusterHealthMetrics(ChitLaq.Grains.ChitLaqMetrics metrics, IClusterMembershipService membership, DatabaseReachability database)
    {
        metrics.Meter.CreateObservableGauge("chitlaq.cluster.silos.active",
            () => membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active), "{silo}",
            "Silos this node's membership view lists as active.");
        metrics.Meter.CreateObservableGauge("chitlaq.database.reachable",
            () => database.ReachableWithin(DatabaseProbeGrain.Freshness) ? 1 : 0, "{bool}",
            "1 when this node's last PostgreSQL probe (every 2 s) succeeded, 0 when it cannot reach the database.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
