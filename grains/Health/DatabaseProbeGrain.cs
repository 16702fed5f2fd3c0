using ChitLaq.Grains.Abstractions.Health;
using Orleans.Placement;

namespace ChitLaq.Grains.Health;

/// <summary>
/// Answers for the node it lives on. Callers pass the node's address as a placement hint, so the
/// activation is made there; if that node is gone the hint cannot be followed and the grain lands
/// elsewhere, which the caller sees in <see cref="DatabaseProbeReport.Silo"/> and disregards.
/// </summary>
[PreferLocalPlacement]
[GrainType("database-probe")]
public sealed class DatabaseProbeGrain(DatabaseReachability reachability, ILocalSiloDetails silo) : Grain, IDatabaseProbeGrain
{
    /// <summary>Three watchdog rounds: a node whose last success is older than this has lost the database.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(6);

    public Task<DatabaseProbeReport> Report() =>
        Task.FromResult(new DatabaseProbeReport(silo.SiloAddress, reachability.ReachableWithin(Freshness)));
}
