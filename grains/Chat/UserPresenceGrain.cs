using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.Extensions.Logging;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// Where one user's connections live. Nodes attach with the number of connections they hold and
/// renew within <see cref="Lease"/>; a node that stops renewing (crashed) is dropped when its lease
/// ends, and so is one whose observer stops answering. Events go to each node once.
/// </summary>
[GrainType("user-presence")]
public sealed class UserPresenceGrain(TimeProvider clock, ILogger<UserPresenceGrain> logger) : Grain, IUserPresenceGrain
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, (INodeObserver Node, int Connections, DateTimeOffset Until)> _nodes = new(StringComparer.Ordinal);

    private string UserId => this.GetPrimaryKeyString();

    public Task Attach(string nodeId, INodeObserver node, int connections)
    {
        if (connections <= 0) _nodes.Remove(nodeId);
        else _nodes[nodeId] = (node, connections, clock.GetUtcNow() + Lease);
        return Task.CompletedTask;
    }

    public Task Detach(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public async Task Deliver(RealtimeEvent realtimeEvent)
    {
        var now = clock.GetUtcNow();
        foreach (var (nodeId, entry) in _nodes.ToList())
        {
            if (entry.Until < now)
            {
                _nodes.Remove(nodeId);
                continue;
            }
            try
            {
                await entry.Node.Deliver(UserId, realtimeEvent);
            }
            catch (Exception ex)
            {
                // The node is gone or unreachable; its clients reconnect elsewhere and Resume.
                logger.LogInformation(ex, "Dropping unreachable node {Node} for a user", nodeId);
                _nodes.Remove(nodeId);
            }
        }
    }
}
