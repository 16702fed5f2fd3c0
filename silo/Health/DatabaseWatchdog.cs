using ChitLaq.Grains.Abstractions.Health;
using ChitLaq.Grains.Health;
using ChitLaq.Silo.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime.Placement;

namespace ChitLaq.Silo.Health;

/// <summary>
/// Probes this node's way to PostgreSQL (a fresh connection and <c>SELECT 1</c> every couple of
/// seconds) and records the result for peers that ask. When this node alone has lost the
/// database — a cut cable, a firewall, a broken route — for <see cref="DatabaseWatchdogOptions.LeaveAfter"/>,
/// it leaves the cluster: a graceful stop moves its grains to nodes that can store them and sends
/// its chat clients elsewhere, instead of one node in three failing every call that lands on its
/// grains. It exits with <see cref="NodeExitCode.TemporaryFailure"/>; its supervisor starts it again,
/// and the new process waits for the database before it joins. When no peer reaches the database
/// either, leaving would help nobody, so the node stays and answers 503 until it is back.
/// Readiness (/health/ready) reports the database on its own check, from the first failed probe.
/// </summary>
public sealed partial class DatabaseWatchdog(
    NodeSettings node,
    DatabaseReachability reachability,
    IOptions<DatabaseWatchdogOptions> options,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    NodeExitCode exitCode,
    TimeProvider time,
    ILogger<DatabaseWatchdog> logger) : BackgroundService
{
    private readonly DatabaseWatchdogOptions _options = options.Value;

    // A connection of its own each time, never from the pool: a pooled connection can look
    // alive while new ones cannot be made, and new ones are what requests will need.
    private readonly string _probeConnectionString = new NpgsqlConnectionStringBuilder(node.PostgresConnectionString)
    {
        Pooling = false,
        Timeout = (int)Math.Ceiling(options.Value.ProbeTimeout.TotalSeconds),
        CommandTimeout = (int)Math.Ceiling(options.Value.ProbeTimeout.TotalSeconds),
    }.ConnectionString;

    /// <summary>The first probe before the node serves, so readiness is right from its first answer.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await ProbeAsync(cancellationToken)) reachability.Succeeded();
        else reachability.Failed();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastWarning = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(_options.ProbeInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (await ProbeAsync(stoppingToken))
            {
                reachability.Succeeded();
                continue;
            }
            var lost = reachability.Failed();
            if (_options.LeaveAfter == TimeSpan.Zero || lost < _options.LeaveAfter) continue;

            if (await PeerThatReachesTheDatabaseAsync() is { } peer)
            {
                LogLeaving(logger, (int)lost.TotalSeconds, peer.ToString());
                exitCode.Set(NodeExitCode.TemporaryFailure);
                lifetime.StopApplication();
                return;
            }
            if (time.GetUtcNow() - lastWarning > TimeSpan.FromMinutes(1))
            {
                lastWarning = time.GetUtcNow();
                LogStaying(logger, (int)lost.TotalSeconds);
            }
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.ProbeTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(_probeConnectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            if (stoppingToken.IsCancellationRequested) throw;
            LogProbeFailed(logger, ex.Message);
            return false;
        }
    }

    /// <summary>An active peer whose own probe succeeded lately, asked through its probe grain.</summary>
    private async Task<SiloAddress?> PeerThatReachesTheDatabaseAsync()
    {
        var peers = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress))
            .Select(m => m.SiloAddress);
        foreach (var peer in peers)
        {
            try
            {
                // The hint places the probe grain on the peer (see DatabaseProbeGrain).
                RequestContext.Set(IPlacementDirector.PlacementHintKey, peer);
                var report = await grains.GetGrain<IDatabaseProbeGrain>(peer.ToParsableString()).Report()
                    .WaitAsync(TimeSpan.FromSeconds(5));
                if (report.Reachable && report.Silo.Equals(peer)) return peer;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogPeerUnanswered(logger, peer.ToString(), ex.Message);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL probe failed: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "This node has not reached PostgreSQL for {Seconds} s while node {Peer} does: leaving the cluster so its grains move to nodes that can store them (exit code 75; the supervisor restarts it and it waits for the database)")]
    private static partial void LogLeaving(ILogger logger, int seconds, string peer);

    [LoggerMessage(Level = LogLevel.Error, Message = "PostgreSQL has been out of reach for {Seconds} s and no other node reaches it either: staying in the cluster (requests that need the database answer 503)")]
    private static partial void LogStaying(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Peer} did not say whether it reaches PostgreSQL: {Reason}")]
    private static partial void LogPeerUnanswered(ILogger logger, string peer, string reason);
}
