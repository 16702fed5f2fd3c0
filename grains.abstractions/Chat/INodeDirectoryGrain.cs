namespace ChitLaq.Grains.Abstractions.Chat;

/// <summary>
/// How to reach each node's realtime observer (key 0). Nodes register when they start, again on
/// every cluster membership change and every half minute, so a re-activated directory fills up
/// within seconds. It is only an address book: whether a node is alive is the cluster
/// membership's word, and every reader checks it.
/// </summary>
[Alias("chitlaq.chat.node-directory")]
public interface INodeDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or renews the node; when it is new, every registered node is told the new list.</summary>
    [Alias("register")] Task Register(NodeRegistration node);

    [Alias("unregister")] Task Unregister(string nodeId);

    [Alias("nodes")] Task<IReadOnlyList<NodeRegistration>> GetNodes();
}

/// <summary>One node: its id, the silo it runs in (for the membership check) and its observer.</summary>
[GenerateSerializer, Immutable, Alias("chitlaq.chat.node-registration")]
public sealed record NodeRegistration(
    [property: Id(0)] string NodeId,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] INodeObserver Observer);
