using System.Net;
using System.Net.Http.Json;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Push;

/// <summary>Pushes through a real Web Push service (VAPID, aes128gcm): to students with no device connected, and only then.</summary>
public sealed class PushDeliveryTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    [Fact]
    public async Task ADirectMessageToAStudentWhoClosedTheAppIsPushedWithWhereToOpenIt()
    {
        var alice = await Student.CreateAsync(fixture.App);
        var bob = await Student.CreateAsync(fixture.App);
        var (device, _) = await bob.SubscribeAsync();
        var chat = await alice.StartAsync(null, bob);

        await alice.SayAsync(chat.Id, "Are you coming to the lab?");

        var push = (await Eventually.Satisfies(device.PushesAsync, p => p.Count == 1, "the push reaches bob's device", TimeSpan.FromSeconds(20)))[0];
        Assert.Equal("message", push.GetProperty("type").GetString());
        Assert.Equal(alice.Account.User.DisplayName, push.GetProperty("title").GetString());
        Assert.Equal("Are you coming to the lab?", push.GetProperty("body").GetString());
        Assert.Equal($"/chat/{chat.Id}", push.GetProperty("url").GetString());
        Assert.Equal(chat.Id, push.GetProperty("conversationId").GetString());
        Assert.Equal($"conversation:{chat.Id}", push.GetProperty("tag").GetString());
    }

    [Fact]
    public async Task AStudentWithADeviceConnectedGetsTheEventLiveAndNoPush()
    {
        var alice = await Student.CreateAsync(fixture.App);
        var bob = await Student.CreateAsync(fixture.App);
        var (device, _) = await bob.SubscribeAsync();
        var chat = await alice.StartAsync(null, bob);

        await using (var phone = await Device.ConnectAsync(fixture.App, bob.Account.AccessToken))
        {
            await Eventually.Satisfies(async () => (await alice.Http.GetStringAsync($"/api/v1/presence?handles={bob.Handle}")).Contains("\"online\""),
                online => online, "bob shows online");
            await alice.SayAsync(chat.Id, "while you are here");
            await phone.WaitFor("message", m => m.GetProperty("text").GetString() == "while you are here");
        }
        await Eventually.Satisfies(async () => (await alice.Http.GetStringAsync($"/api/v1/presence?handles={bob.Handle}")).Contains("\"offline\""),
            offline => offline, "bob shows offline");
        await alice.SayAsync(chat.Id, "after you left");

        // Pushes are sent in order; once the later one arrived, the earlier one would have too.
        var pushes = await Eventually.Satisfies(device.PushesAsync, p => p.Count >= 1, "the push after bob left arrives", TimeSpan.FromSeconds(20));
        Assert.Equal(["after you left"], pushes.Select(p => p.GetProperty("body").GetString()));
    }

    [Fact]
    public async Task SocialNotificationsArePushedAndAKindSwitchedOffIsNot()
    {
        var alice = await Student.CreateAsync(fixture.App);
        var bob = await Student.CreateAsync(fixture.App);
        var (device, _) = await bob.SubscribeAsync();
        var off = await bob.Http.PutAsJsonAsync("/api/v1/push/preferences", new { alerts = new { like = false } });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        var post = await bob.PostAsync("My first post");
        await alice.Http.PostAsync($"/api/v1/posts/{post.Id}/like", null);
        await alice.FollowAsync(bob);

        var pushes = await Eventually.Satisfies(device.PushesAsync, p => p.Count >= 1, "the follow is pushed", TimeSpan.FromSeconds(20));
        var follow = Assert.Single(pushes);
        Assert.Equal("follow", follow.GetProperty("type").GetString());
        Assert.Equal($"/u/{alice.Handle}", follow.GetProperty("url").GetString());
        Assert.Contains("followed you", follow.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ASubscriptionThePushServiceExpiredIsRemoved()
    {
        var alice = await Student.CreateAsync(fixture.App);
        var bob = await Student.CreateAsync(fixture.App);
        var (device, id) = await bob.SubscribeAsync();
        var chat = await alice.StartAsync(null, bob);
        await TestPushService.ExpireAsync(device);

        await alice.SayAsync(chat.Id, "anyone there?");

        await Eventually.Satisfies(() => fixture.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE subscription_id = @id", ("id", id)),
            count => count == 0, "the expired subscription is deleted", TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.DeleteAsync($"/api/v1/push/subscriptions/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnUnsubscribedDeviceGetsNothing()
    {
        var alice = await Student.CreateAsync(fixture.App);
        var bob = await Student.CreateAsync(fixture.App);
        var (gone, goneId) = await bob.SubscribeAsync();
        var (kept, _) = await bob.SubscribeAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await bob.Http.DeleteAsync($"/api/v1/push/subscriptions/{goneId}")).StatusCode);
        var chat = await alice.StartAsync(null, bob);

        await alice.SayAsync(chat.Id, "to your other device");

        await Eventually.Satisfies(kept.PushesAsync, p => p.Count == 1, "the remaining device gets it", TimeSpan.FromSeconds(20));
        Assert.Empty(await gone.PushesAsync());
    }
}
