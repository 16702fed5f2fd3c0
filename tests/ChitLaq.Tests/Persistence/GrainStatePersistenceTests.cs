using System.Text;
using ChitLaq.Grains.Abstractions.Handles;
using ChitLaq.Grains.Registries;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Providers;
using Orleans.Storage;

namespace ChitLaq.Tests.Persistence;

/// <summary>Grain state on the real PostgreSQL storage, through the SQL our migrations install.</summary>
public sealed class GrainStatePersistenceTests
{
    [Fact]
    public async Task GrainStateSurvivesStoppingAndStartingTheHost()
    {
        await using var database = await TestDatabase.CreateAsync();

        await using (var first = new ChitLaqAppFactory(database.ConnectionString))
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            Assert.Equal(HandleClaimResult.Claimed, await grains.GetGrain<IHandleRegistryGrain>("durable").Claim("user-42"));
        }

        await using var second = new ChitLaqAppFactory(database.ConnectionString);
        var afterRestart = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IHandleRegistryGrain>("durable");
        Assert.Equal("user-42", await afterRestart.GetOwner());
        Assert.Equal(HandleClaimResult.Taken, await afterRestart.Claim("user-43"));
    }

    [Fact]
    public async Task TwoRacingWritersOfOneStateExactlyOneWinsTheOtherIsRejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new ChitLaqAppFactory(database.ConnectionString);
        var storage = app.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grainId = GrainId.Create("handle-registry", "raced");

        // Round 1: both writers believe no row exists yet (no ETag): the insert must happen once.
        var firstRound = await RaceAsync(storage, grainId, etag: null);
        Assert.Equal(1, firstRound.Count(r => r.Won));
        Assert.IsType<InconsistentStateException>(Assert.Single(firstRound, r => !r.Won).Error);

        // Round 2: both hold the same, current version: only one update may succeed.
        var current = new GrainState<RegistryClaimState>(new RegistryClaimState());
        await storage.ReadStateAsync("handleRegistry", grainId, current);
        var secondRound = await RaceAsync(storage, grainId, current.ETag);
        Assert.Equal(1, secondRound.Count(r => r.Won));
        Assert.IsType<InconsistentStateException>(Assert.Single(secondRound, r => !r.Won).Error);

        var final = new GrainState<RegistryClaimState>(new RegistryClaimState());
        await storage.ReadStateAsync("handleRegistry", grainId, final);
        Assert.Equal(secondRound.Single(r => r.Won).Owner, final.State!.OwnerUserId);
        Assert.Equal("2", final.ETag);
    }

    [Fact]
    public async Task StateIsStoredAsPlainJsonWithoutDotNetTypeNames()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var app = new ChitLaqAppFactory(database.ConnectionString);
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IHandleRegistryGrain>("jsonshape").Claim("user-7");

        var payload = await database.ScalarAsync<byte[]>(
            "SELECT payload_binary FROM orleans_storage WHERE grain_id_extension_string LIKE @key",
            ("key", "%jsonshape%"));
        var json = Encoding.UTF8.GetString(payload!);
        Assert.Contains("\"OwnerUserId\":\"user-7\"", json);
        Assert.DoesNotContain("$type", json);
    }

    private static async Task<(bool Won, string Owner, Exception? Error)[]> RaceAsync(IGrainStorage storage, GrainId grainId, string? etag)
    {
        var writers = new[] { "writer-a", "writer-b" }.Select(async owner =>
        {
            var state = new GrainState<RegistryClaimState>(new RegistryClaimState { OwnerUserId = owner }) { ETag = etag };
            try
            {
                await storage.WriteStateAsync("handleRegistry", grainId, state);
                return (true, owner, (Exception?)null);
            }
            catch (Exception ex)
            {
                return (false, owner, ex);
            }
        });
        return await Task.WhenAll(writers);
    }
}
