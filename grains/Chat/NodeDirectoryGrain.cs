using ChitLaq.Grains.Abstractions.Chat;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// The address book of nodes' realtime observers (see <see cref="INodeDirectoryGrain"/>). In memory
/// only: nodes re-register after any membership change and every half minute. Entries of silos the
/// membership declares dead are dropped; an entry not renewed for <see cref="Lease"/> too.
/// </summary>
[GrainType("node-directory")]
public sealed class NodeDirectoryGrain(IClusterMembershipService membership, TimeProvider clock, ILogger<NodeDirectoryGrain> logger)
    : Grain, INodeDirectoryGrain
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly Dictionary<string, (NodeRegistration Node, DateTimeOffset Until)> _nodes = new(StringComparer.Ordinal);

    public async Task Register(NodeRegistration node)
    {
        var isNew = !_nodes.ContainsKey(node.NodeId);
        _nodes[node.NodeId] = (node, clock.GetUtcNow() + Lease);
        if (isNew) await TellEveryNode();
    }

    public Task Unregister(string nodeId)
    {
        _nodes.Remove(nodeId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NodeRegistration>> GetNodes() => Task.FromResult(Live());

    private IReadOnlyList<NodeRegistration> Live()
    {
        var now = clock.GetUtcNow();
        var snapshot = membership.CurrentSnapshot;
        foreach (var (id, entry) in _nodes.Where(n => n.Value.Until < now || snapshot.GetSiloStatus(n.Value.Node.Silo) == SiloStatus.Dead).ToList())
            _nodes.Remove(id);
        return _nodes.Values.Select(n => n.Node).ToList();
    }

    private Task TellEveryNode()
    {
        var nodes = Live();
        foreach (var node in nodes)
        {
            try { _ = node.Observer.NodesChanged(nodes); }
            catch (Exception ex) { logger.LogDebug(ex, "Could not tell node {Node} about the new list", node.NodeId); }
        }
        return Task.CompletedTask;
    }
}
