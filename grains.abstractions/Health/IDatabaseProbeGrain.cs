namespace ChitLaq.Grains.Abstractions.Health;

/// <summary>
/// One per node (keyed by the node's silo address and placed on it): says whether that node
/// reaches PostgreSQL right now. A node that has lost the database asks its peers before it
/// leaves the cluster, so a database outage seen by every node does not empty the cluster.
/// </summary>
[Alias("chitlaq.health.database-probe-grain")]
public interface IDatabaseProbeGrain : IGrainWithStringKey
{
    [Alias("report")] Task<DatabaseProbeReport> Report();
}

/// <param name="Silo">The node that answered (a caller checks it is the one it asked).</param>
/// <param name="Reachable">Its last probe of PostgreSQL succeeded recently.</param>
[GenerateSerializer, Immutable, Alias("chitlaq.health.database-probe-report")]
public sealed record DatabaseProbeReport([property: Id(0)] SiloAddress Silo, [property: Id(1)] bool Reachable);
