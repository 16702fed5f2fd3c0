using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Social;

public sealed class NotificationTests(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task FollowLikeReplyMentionAndRepostEachNotifyTheOwner()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync("notify me");

        await bo.FollowAsync(ada);
        await bo.Http.PostAsync($"/api/v1/posts/{post.Id}/like", null);
        await bo.PostAsync("a reply", post.Id);
        await bo.PostAsync($"hey @{ada.Handle}");
        await bo.Http.PostAsync($"/api/v1/posts/{post.Id}/repost", null);

        var items = (await ada.NotificationsAsync()).Items;
        Assert.Equal(["repost", "mention", "reply", "like", "follow"], items.Select(n => n.Type));
        Assert.All(items, n => Assert.Equal(bo.Handle, n.Actor.Handle));
        Assert.Equal(post.Id, items.Single(n => n.Type == "like").Post!.Id);
        Assert.Null(items.Single(n => n.Type == "follow").Post);
        Assert.All(items, n => Assert.False(n.Read));
    }

    [Fact]
    public async Task ActingOnYourOwnContentNotifiesNobody()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var post = await ada.PostAsync($"talking to myself @{ada.Handle}");
        await ada.Http.PostAsync($"/api/v1/posts/{post.Id}/like", null);
        await ada.PostAsync("and replying", post.Id);
        Assert.Empty((await ada.NotificationsAsync()).Items);
    }

    [Fact]
    public async Task MarkingReadUpToAnIdReadsThoseAndNotNewerOnes()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        await bo.FollowAsync(ada);
        var upTo = (await ada.NotificationsAsync()).Items[0].Id;
        await cy.FollowAsync(ada);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PostAsJsonAsync("/api/v1/notifications/read", new { upTo })).StatusCode);
        var items = (await ada.NotificationsAsync()).Items;
        Assert.False(items.Single(n => n.Actor.Handle == cy.Handle).Read);
        Assert.True(items.Single(n => n.Actor.Handle == bo.Handle).Read);
        await (await ada.Http.PostAsJsonAsync("/api/v1/notifications/read", new { })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task NotificationsPageNewestFirst()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var fans = new List<Student>();
        for (var i = 0; i < 5; i++)
        {
            var fan = await Student.CreateAsync(fixture.App);
            await fan.FollowAsync(ada);
            fans.Add(fan);
        }
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await ada.Http.GetFromJsonAsync<Api.Auth.ItemsResponse<Api.Notifications.NotificationDto>>(
                "/api/v1/notifications?limit=2" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            seen.AddRange(page.Items.Select(n => n.Actor.Handle));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.Equal(fans.Select(f => f.Handle).Reverse(), seen);
        fans.ForEach(f => f.Dispose());
    }
}
