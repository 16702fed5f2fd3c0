using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Chat;

public sealed class PresenceTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    public sealed record PresenceDto(string UserId, string Handle, string Status, DateTimeOffset? LastSeenAt);

    [Fact]
    public async Task FollowersSeeOnlineAwayAndOfflineOnlyAfterTheLastDeviceAndTheGracePeriod()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var fan = await Student.CreateAsync(fixture.App);
        await fan.FollowAsync(ada);
        await using var fanDevice = await Device.ConnectAsync(fixture.App, fan.Account.AccessToken);

        var phone = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        var laptop = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        var online = await fanDevice.WaitFor("online", e => e.GetProperty("status").GetString() == "online");
        Assert.Equal(ada.Handle, online.GetProperty("handle").GetString());

        await phone.Connection.InvokeAsync("SetStatus", "away");
        await fanDevice.WaitFor("online", e => e.GetProperty("status").GetString() == "away");

        await phone.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(fanDevice.Received("online"), e => e.GetProperty("status").GetString() == "offline");

        await laptop.DisposeAsync();
        var offline = await fanDevice.WaitFor("online", e => e.GetProperty("status").GetString() == "offline");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, offline.GetProperty("lastSeenAt").ValueKind);
    }

    [Fact]
    public async Task PresenceIsShownToFollowersAndPartnersButNotToStrangersOrAcrossABlock()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var fan = await Student.CreateAsync(fixture.App);
        using var partner = await Student.CreateAsync(fixture.App);
        using var stranger = await Student.CreateAsync(fixture.App);
        await fan.FollowAsync(ada);
        await partner.StartAsync(null, ada);
        await using var adaDevice = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);

        async Task<List<PresenceDto>> Look(Student who) =>
            (await who.Http.GetFromJsonAsync<List<PresenceDto>>($"/api/v1/presence?handles={ada.Handle},{stranger.Handle}"))!;

        var seen = await Eventually.Satisfies(() => Look(fan), list => list.Any(p => p.Status == "online"), "the fan sees ada online");
        Assert.Equal(ada.Id, Assert.Single(seen).UserId);
        Assert.Single(await Look(partner));
        Assert.Empty(await Look(stranger));

        await ada.Http.PostAsync($"/api/v1/users/{partner.Handle}/block", null);
        Assert.Empty(await Look(partner));
    }

    [Fact]
    public async Task AFollowOrABlockChangesWhoSeesTheVeryNextStatusChange()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var fan = await Student.CreateAsync(fixture.App);
        using var newcomer = await Student.CreateAsync(fixture.App);
        await fan.FollowAsync(ada);
        await using var fanDevice = await Device.ConnectAsync(fixture.App, fan.Account.AccessToken);
        await using var newcomerDevice = await Device.ConnectAsync(fixture.App, newcomer.Account.AccessToken);
        await using var adaDevice = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);
        await fanDevice.WaitFor("online", e => e.GetProperty("status").GetString() == "online");   // ada's audience is read

        // Within the minute the audience is reused: a new follower gets the next change all the same…
        await newcomer.FollowAsync(ada);
        await adaDevice.Connection.InvokeAsync("SetStatus", "away");
        await newcomerDevice.WaitFor("online", e => e.GetProperty("handle").GetString() == ada.Handle && e.GetProperty("status").GetString() == "away");
        await fanDevice.WaitFor("online", e => e.GetProperty("status").GetString() == "away");

        // …and a blocked follower does not.
        await ada.Http.PostAsync($"/api/v1/users/{fan.Handle}/block", null);
        await adaDevice.Connection.InvokeAsync("SetStatus", "online");
        await newcomerDevice.WaitFor("online", e => e.GetProperty("handle").GetString() == ada.Handle && e.GetProperty("status").GetString() == "online");
        await Task.Delay(TimeSpan.FromMilliseconds(300));   // same node, same fan-out call: it would have arrived by now
        Assert.Single(fanDevice.Received("online"), e => e.GetProperty("status").GetString() == "online");
    }

    [Fact]
    public async Task AnAccountFollowedByThousandsReachesItsOnlineFollowersAndNotTheOnesItBlocked()
    {
        using var star = await Student.CreateAsync(fixture.App);
        using var fan = await Student.CreateAsync(fixture.App);
        using var blocked = await Student.CreateAsync(fixture.App);
        await fan.FollowAsync(star);
        await blocked.FollowAsync(star);
        await star.Http.PostAsync($"/api/v1/users/{blocked.Handle}/block", null);
        // More followers than a presence event lists: students who have not opened the app today
        // (and a follow row for the blocked student, so only the block keeps them out).
        await using (var connection = new Npgsql.NpgsqlConnection(fixture.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var seed = new Npgsql.NpgsqlCommand("""
                INSERT INTO follows (follower_id, followee_id, created_at)
                SELECT md5(random()::text || g), $1, now() FROM generate_series(1, $2) g
                UNION ALL SELECT $3, $1, now()
                ON CONFLICT DO NOTHING
                """, connection);
            seed.Parameters.Add(new Npgsql.NpgsqlParameter { Value = star.Id });
            seed.Parameters.Add(new Npgsql.NpgsqlParameter { Value = ChitLaq.Grains.Chat.PresenceStore.MaxListedAudience * 10 });
            seed.Parameters.Add(new Npgsql.NpgsqlParameter { Value = blocked.Id });
            await seed.ExecuteNonQueryAsync();
        }
        await using var fanDevice = await Device.ConnectAsync(fixture.App, fan.Account.AccessToken);
        await using var blockedDevice = await Device.ConnectAsync(fixture.App, blocked.Account.AccessToken);

        await using var starDevice = await Device.ConnectAsync(fixture.App, star.Account.AccessToken);
        await fanDevice.WaitFor("online", e => e.GetProperty("handle").GetString() == star.Handle && e.GetProperty("status").GetString() == "online");
        await starDevice.Connection.InvokeAsync("SetStatus", "away");
        await fanDevice.WaitFor("online", e => e.GetProperty("handle").GetString() == star.Handle && e.GetProperty("status").GetString() == "away");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Empty(blockedDevice.Received("online"));
    }
}
