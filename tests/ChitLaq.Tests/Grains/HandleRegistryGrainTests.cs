using ChitLaq.Grains.Abstractions.Handles;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Grains;

[Collection(InMemoryClusterCollection.Name)]
public sealed class HandleRegistryGrainTests(InMemoryClusterFixture fixture)
{
    private IHandleRegistryGrain Handle(string handle) =>
        fixture.Grains.GetGrain<IHandleRegistryGrain>(handle + "_" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task UnclaimedHandleIsAvailable()
    {
        var grain = Handle("fresh");
        Assert.Equal(HandleAvailability.Available, await grain.GetAvailability());
        Assert.Null(await grain.GetOwner());
    }

    [Fact]
    public async Task FirstClaimWinsAndSecondUserIsToldItIsTaken()
    {
        var grain = Handle("contested");
        Assert.Equal(HandleClaimResult.Claimed, await grain.Claim("user-1"));
        Assert.Equal(HandleClaimResult.Taken, await grain.Claim("user-2"));
        Assert.Equal("user-1", await grain.GetOwner());
        Assert.Equal(HandleAvailability.Taken, await grain.GetAvailability());
    }

    [Fact]
    public async Task ClaimingAgainForTheSameUserIsIdempotent()
    {
        var grain = Handle("retry");
        Assert.Equal(HandleClaimResult.Claimed, await grain.Claim("user-1"));
        Assert.Equal(HandleClaimResult.Claimed, await grain.Claim("user-1"));
        Assert.Equal("user-1", await grain.GetOwner());
    }

    [Fact]
    public async Task ConcurrentClaimsHaveExactlyOneWinner()
    {
        var grain = Handle("race");
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => grain.Claim($"user-{i}")));
        Assert.Single(results, r => r == HandleClaimResult.Claimed);
        Assert.Equal(19, results.Count(r => r == HandleClaimResult.Taken));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("support")]
    [InlineData("chitlaq")]
    public async Task ReservedHandlesCannotBeClaimed(string reserved)
    {
        var grain = fixture.Grains.GetGrain<IHandleRegistryGrain>(reserved);
        Assert.Equal(HandleAvailability.Reserved, await grain.GetAvailability());
        Assert.Equal(HandleClaimResult.Reserved, await grain.Claim("user-1"));
        Assert.Null(await grain.GetOwner());
    }

    [Fact]
    public async Task OnlyTheOwnerCanReleaseAHandle()
    {
        var grain = Handle("release");
        await grain.Claim("owner");
        await grain.Release("someone-else");
        Assert.Equal("owner", await grain.GetOwner());

        await grain.Release("owner");
        Assert.Equal(HandleAvailability.Available, await grain.GetAvailability());
        Assert.Equal(HandleClaimResult.Claimed, await grain.Claim("next-owner"));
    }
}
