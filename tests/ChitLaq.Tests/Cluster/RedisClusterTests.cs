using System.Net.Http.Json;
using ChitLaq.Api.Handles;
using ChitLaq.Grains.Abstractions.Handles;
using ChitLaq.Tests.Infrastructure;
using Orleans.Runtime;

namespace ChitLaq.Tests.Cluster;

/// <summary>Two node processes on real PostgreSQL and Redis form one cluster. Slow: starts processes.</summary>
[Trait("Category", "Slow")]
[Collection(MultiProcessCollection.Name)]
public sealed class RedisClusterTests : IAsyncLifetime
{
    private RedisCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await RedisCluster.StartAsync(nodeCount: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task TwoNodesFormOneClusterAndAGrainCalledThroughEitherIsOneActivation()
    {
        Assert.Equal(2, await _cluster.ActiveSiloCountAsync());

        var viaFirst = await Availability(_cluster.Nodes[0], "shared_handle");
        var viaSecond = await Availability(_cluster.Nodes[1], "shared_handle");
        Assert.True(viaFirst.Available);
        Assert.True(viaSecond.Available);

        var grain = _cluster.Client.GetGrain<IHandleRegistryGrain>("shared_handle");
        Assert.Equal(1, await _cluster.Client.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)grain));

        // A claim made through the cluster is seen identically through both front ends.
        await grain.Claim("user-1");
        Assert.Equal("taken", (await Availability(_cluster.Nodes[0], "shared_handle")).Reason);
        Assert.Equal("taken", (await Availability(_cluster.Nodes[1], "shared_handle")).Reason);
    }

    [Fact]
    public async Task AfterTheHostingNodeStopsTheOtherServesTheGrainWithItsPersistedState()
    {
        var grain = _cluster.Client.GetGrain<IHandleRegistryGrain>("survivor");
        Assert.Equal(HandleClaimResult.Claimed, await grain.Claim("user-9"));

        var host = await _cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        Assert.NotNull(host);
        var hosting = _cluster.Nodes.Single(n => n.SiloPort == host.Endpoint.Port);
        var other = _cluster.Nodes.Single(n => n != hosting);

        // SIGTERM: the node leaves the cluster and exits cleanly.
        Assert.Equal(0, await hosting.StopGracefullyAsync());
        await Eventually.Satisfies(_cluster.ActiveSiloCountAsync, count => count == 1, "the stopped node has left the membership");

        Assert.Equal("taken", (await Availability(other, "survivor")).Reason);
        Assert.Equal("user-9", await grain.GetOwner());
    }

    private static async Task<HandleAvailabilityResponse> Availability(SiloProcess node, string handle) =>
        (await node.Http.GetFromJsonAsync<HandleAvailabilityResponse>($"/api/v1/handles/{handle}/availability"))!;
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiProcessCollection
{
    public const string Name = "multi-process";
}
