using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Moderation;

/// <summary>What each decision does, at once, everywhere the user or their content shows.</summary>
public sealed class DecisionEffectTests(ModerationFixture fixture) : IClassFixture<ModerationFixture>
{
    [Fact]
    public async Task RemovingAPostTakesItOutOfFeedsProfilesAndSearch()
    {
        var author = await fixture.StudentAsync();
        var follower = await fixture.StudentAsync();
        await follower.FollowAsync(author);
        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var post = await author.PostAsync($"hateful {word} post");
        await Eventually.Satisfies(follower.HomeIdsAsync, ids => ids.Contains(post.Id), "the post reaches the follower's feed");
        await Eventually.Satisfies(() => follower.Http.GetStringAsync($"/api/v1/search/posts?q={word}"), body => body.Contains(post.Id), "the post is searchable");

        var reportId = await follower.ReportAsync("post", post.Id, "hate");
        var moderator = await fixture.ModeratorAsync();
        var resolved = await moderator.ResolveAsync(reportId, "content_removed", "Hate speech");
        Assert.Equal("content_removed", resolved.GetProperty("resolution").GetProperty("action").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await follower.Http.GetAsync($"/api/v1/posts/{post.Id}")).StatusCode);
        Assert.DoesNotContain(post.Id, await follower.HomeIdsAsync());
        Assert.DoesNotContain(post.Id, await follower.Http.GetStringAsync($"/api/v1/users/{author.Handle}/posts"));
        await Eventually.Satisfies(() => follower.Http.GetStringAsync($"/api/v1/search/posts?q={word}"), body => !body.Contains(post.Id), "the post leaves search");

        var notice = await Eventually.Satisfies(author.NotificationsAsync, n => n.Items.Any(i => i.Type == "moderation"), "the author is told");
        Assert.Equal("Hate speech", notice.Items.First(i => i.Type == "moderation").Decision!.Reason);
        Assert.Contains(Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, author.Account.User.Email), m => m.TextBody?.Contains("Hate speech") == true);
    }

    [Fact]
    public async Task RemovingAMessageMarksItDeletedForEveryMemberLive()
    {
        var alice = await fixture.StudentAsync();
        var bob = await fixture.StudentAsync();
        var chat = await alice.StartAsync(null, bob);
        var message = await alice.SayAsync(chat.Id, "threatening words");
        await using var bobsPhone = await Device.ConnectAsync(fixture.App, bob.Account.AccessToken);

        var reportId = await bob.ReportAsync("message", message.Id, "violence");
        await (await fixture.ModeratorAsync()).ResolveAsync(reportId, "content_removed", "Threats");

        var updated = await bobsPhone.WaitFor("messageUpdated", m => m.GetProperty("id").GetString() == message.Id);
        Assert.True(updated.GetProperty("deleted").GetBoolean());
        Assert.Equal("", updated.GetProperty("text").GetString());
        var history = await bob.Http.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{chat.Id}/messages");
        var kept = history.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("id").GetString() == message.Id);
        Assert.True(kept.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task ALimitedStudentCanReadButNotPostMessageOrUpload()
    {
        var student = await fixture.StudentAsync();
        var friend = await fixture.StudentAsync();
        var chat = await student.StartAsync(null, friend);
        var moderator = await fixture.ModeratorAsync();
        var decision = await moderator.ActOnAsync(student, "limit", "Cool down", durationHours: 24);
        Assert.NotEqual(JsonValueKind.Null, decision.GetProperty("until").ValueKind);

        var post = await student.Http.PostAsJsonAsync("/api/v1/posts", new { text = "hello" });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("account_limited", await Moderating.CodeOf(post));
        var send = await student.Http.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "hi", clientMessageId = "c1" });
        Assert.Equal("account_limited", await Moderating.CodeOf(send));
        Assert.Equal(HttpStatusCode.OK, (await student.Http.GetAsync("/api/v1/feed/home")).StatusCode);

        await using var phone = await Device.ConnectAsync(fixture.App, student.Account.AccessToken);
        var hub = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            phone.Connection.InvokeAsync<JsonElement>("SendMessage", chat.Id, "c2", "hi"));
        Assert.Contains("account_limited", hub.Message);

        await moderator.ActOnAsync(student, "lifted", "Limit over");
        Assert.Equal(HttpStatusCode.Created, (await student.Http.PostAsJsonAsync("/api/v1/posts", new { text = "back" })).StatusCode);
    }
}
