using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Users;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Social;

public sealed class FollowTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task FollowingIsIdempotentAndCountsTheRealEdges()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);

        await ada.FollowAsync(bo);
        await ada.FollowAsync(bo);
        Assert.Equal(1, (await ada.ProfileAsync(bo.Handle)).FollowersCount);
        Assert.Equal(1, (await ada.ProfileAsync(ada.Handle)).FollowingCount);
        var flags = await ada.ProfileAsync(bo.Handle);
        Assert.True(flags.IsFollowing);
        Assert.True((await bo.ProfileAsync(ada.Handle)).FollowsYou);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/users/{bo.Handle}/follow")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/users/{bo.Handle}/follow")).StatusCode);
        Assert.Equal(0, (await ada.ProfileAsync(bo.Handle)).FollowersCount);
    }

    [Fact]
    public async Task CountsAreRightWhenTheOtherSidesGrainWasNotActive()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var management = fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0);

        // Each change lands on a side whose grain was collected (as after a restart or a quiet hour).
        await management.ForceActivationCollection(TimeSpan.Zero);
        await ada.FollowAsync(bo);
        Assert.Equal(1, (await ada.ProfileAsync(bo.Handle)).FollowersCount);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.DeleteAsync($"/api/v1/users/{bo.Handle}/follow")).StatusCode);
        Assert.Equal(0, (await ada.ProfileAsync(bo.Handle)).FollowersCount);

        await bo.FollowAsync(ada);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsync($"/api/v1/users/{bo.Handle}/block", null)).StatusCode);
        Assert.Equal(0, (await ada.ProfileAsync(ada.Handle)).FollowersCount);
        Assert.Equal(0, (await bo.ProfileAsync(bo.Handle)).FollowingCount);
    }

    [Fact]
    public async Task AStormOfFollowsAndUnfollowsEndsWithCountsEqualToTheEdges()
    {
        using var target = await Student.CreateAsync(fixture.App);
        var fans = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Student.CreateAsync(fixture.App)));

        await Task.WhenAll(fans.SelectMany(fan => Enumerable.Range(0, 10).Select(i => i % 2 == 0
            ? fan.Http.PostAsync($"/api/v1/users/{target.Handle}/follow", null)
            : fan.Http.DeleteAsync($"/api/v1/users/{target.Handle}/follow"))));

        var edges = (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM follows WHERE followee_id = @id", ("id", target.Id));
        Assert.Equal(edges, (await target.ProfileAsync(target.Handle)).FollowersCount);
        foreach (var fan in fans)
        {
            var following = (int)await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM follows WHERE follower_id = @id", ("id", fan.Id));
            Assert.Equal(following, (await fan.ProfileAsync(fan.Handle)).FollowingCount);
            fan.Dispose();
        }
    }

    [Fact]
    public async Task FollowerAndFollowingListsPageNewestFirstWithoutRepeats()
    {
        using var star = await Student.CreateAsync(fixture.App);
        var fans = new List<Student>();
        for (var i = 0; i < 5; i++)
        {
            var fan = await Student.CreateAsync(fixture.App);
            await fan.FollowAsync(star);
            fans.Add(fan);
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await star.Http.GetFromJsonAsync<ItemsResponse<UserDto>>(
                $"/api/v1/users/{star.Handle}/followers?limit=2" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            seen.AddRange(page.Items.Select(u => u.Handle));
            cursor = page.NextCursor;
        } while (cursor is not null);

        Assert.Equal(fans.Select(f => f.Handle).Reverse(), seen);
        var following = (await fans[0].Http.GetFromJsonAsync<ItemsResponse<UserDto>>($"/api/v1/users/{fans[0].Handle}/following"))!;
        Assert.Equal(star.Handle, Assert.Single(following.Items).Handle);
        fans.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task YouCannotFollowYourselfOrNobody()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        await (await ada.Http.PostAsync($"/api/v1/users/{ada.Handle}/follow", null)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_target");
        await (await ada.Http.PostAsync("/api/v1/users/nobody_at_all_here/follow", null)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task FollowingNeedsAVerifiedEmail()
    {
        using var star = await Student.CreateAsync(fixture.App);
        var unverified = await fixture.Http.RegisterAsync();
        using var client = fixture.App.WithToken(unverified.AccessToken);
        await (await client.PostAsync($"/api/v1/users/{star.Handle}/follow", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "email_not_verified");
    }
}
