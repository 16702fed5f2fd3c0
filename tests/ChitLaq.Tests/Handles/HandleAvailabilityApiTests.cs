using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Handles;
using ChitLaq.Grains.Abstractions.Handles;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Handles;

public sealed class HandleAvailabilityApiTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    private async Task<HandleAvailabilityResponse> Check(string handle)
    {
        var response = await fixture.Http.GetAsync($"/api/v1/handles/{Uri.EscapeDataString(handle)}/availability");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<HandleAvailabilityResponse>())!;
    }

    [Fact]
    public async Task FreeHandleIsAvailable() =>
        Assert.Equal(new HandleAvailabilityResponse("newcomer", true, null), await Check("newcomer"));

    [Fact]
    public async Task HandleIsNormalisedBeforeTheCheck() =>
        Assert.Equal("mixedcase_1", (await Check("  MixedCase_1 ")).Handle);

    [Fact]
    public async Task ClaimedHandleIsTaken()
    {
        await fixture.Grains.GetGrain<IHandleRegistryGrain>("claimed_one").Claim("user-1");
        Assert.Equal(new HandleAvailabilityResponse("claimed_one", false, "taken"), await Check("Claimed_One"));
    }

    [Fact]
    public async Task ReservedHandleIsNotAvailable() =>
        Assert.Equal(new HandleAvailabilityResponse("admin", false, "reserved"), await Check("admin"));

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("emoji😀x")]
    public async Task BadlyShapedHandleIsAValidationProblem(string handle)
    {
        var response = await fixture.Http.GetAsync($"/api/v1/handles/{Uri.EscapeDataString(handle)}/availability");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
