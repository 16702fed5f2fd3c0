using ChitLaq.Api.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChitLaq.Silo.Realtime;

/// <summary>
/// Live events are sent once and not kept: those a lost node was sending when it went (a message it
/// had just committed, a receipt) are gone with it, and devices on the surviving nodes cannot tell.
/// When a silo is declared dead, this node tells every device connected here to <c>resync</c> —
/// call <c>Resume</c> for what it shows, as after a reconnect — so the messages stored in
/// PostgreSQL reach them within seconds instead of at their next reconnect. Node losses are rare;
/// clients spread their Resume calls over a couple of seconds.
/// </summary>
public sealed partial class ResyncOnNodeLoss(IClusterMembershipService membership, IHubContext<ChatHub> hub, ILogger<ResyncOnNodeLoss> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var active = ActiveSilos(membership.CurrentSnapshot);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var lost = active.Where(silo => snapshot.GetSiloStatus(silo) == SiloStatus.Dead).ToList();
                active = ActiveSilos(snapshot);
                if (lost.Count == 0) continue;
                LogResync(logger, string.Join(", ", lost));
                await hub.Clients.All.SendAsync("resync", new { reason = "nodeLost" }, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private static HashSet<SiloAddress> ActiveSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo(s) {Silos} declared dead: asking this node's devices to resync")]
    private static partial void LogResync(ILogger logger, string silos);
}
