using System.Net;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Api.Posts;
using ChitLaq.Api.Privacy;
using ChitLaq.Api.Users;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChitLaq.Tests.Privacy;

/// <summary>API.md "Privacy and account control": DELETE /users/me, the grace period, and the erasure.</summary>
public sealed class AccountDeletionTests(AccountJobsFixture fixture) : IClassFixture<AccountJobsFixture>
{
    [Fact]
    public async Task DeletingTakesThePasswordEndsEverySessionAtOnceAndSigningInAgainCancelsIt()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        await bo.FollowAsync(ada);
        var post = await ada.PostAsync("still here after the grace period?");
        await using var device = await Device.ConnectAsync(fixture.App, ada.Account.AccessToken);

        await (await ada.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(new { }) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await ada.DeleteAccountAsync("not-my-password")).AssertProblemAsync(HttpStatusCode.Forbidden, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await ada.Http.GetAsync("/api/v1/auth/me")).StatusCode);

        var asked = fixture.Clock.GetUtcNow();
        var deleted = await ada.DeleteAccountAsync(Infrastructure.Accounts.Password);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        var eraseAt = (await deleted.Content.ReadFromJsonAsync<DeletionScheduledDto>())!.EraseAt;
        Assert.InRange(eraseAt - asked, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        // Every session ends at once: the access token, the refresh token and the hub connection.
        await (await ada.Http.GetAsync("/api/v1/auth/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.RefreshAsync(ada.Account.RefreshToken)).StatusCode);
        await Eventually.Satisfies(() => Task.FromResult(device.Connection.State), state => state == HubConnectionState.Disconnected, "the hub connection is closed");
        // During the grace period the profile and posts are hidden from everyone.
        await (await bo.Http.GetAsync($"/api/v1/users/{ada.Handle}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await Eventually.Satisfies(bo.HomeIdsAsync, ids => !ids.Contains(post.Id), "the post leaves bo's home feed");
        await Eventually.Satisfies(() => Task.FromResult(Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, ada.Account.User.Email)),
            mails => mails.Any(m => (m.Subject ?? "").Contains("will be deleted")), "ada is emailed when her account will be erased");

        using var http = fixture.App.CreateClient();
        var login = (await (await http.LoginAsync(ada.Account.User.Email)).Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.True(login.DeletionCancelled);
        Assert.Null(await fixture.Database.ScalarAsync<string>("SELECT user_id FROM account_deletions WHERE user_id = @id", ("id", ada.Id)));
        Assert.Equal(1, (await bo.ProfileAsync(ada.Handle)).FollowersCount);
        await Eventually.Satisfies(bo.HomeIdsAsync, ids => ids.Contains(post.Id), "the post is back in bo's home feed");
        var again = (await (await http.LoginAsync(ada.Account.User.Email)).Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.False(again.DeletionCancelled);
    }

    [Fact]
    public async Task AfterTheGracePeriodEverythingIsErasedCountsAreRightMessagesReadDeletedAccountAndTheHandleStaysReserved()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        using var dee = await Student.CreateAsync(fixture.App);
        await cy.LockAsync(true);

        var word = "zq" + Guid.NewGuid().ToString("N")[..8];
        var upload = await ada.Http.UploadOkAsync(TestImages.Jpeg(40, 30));
        var posted = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = $"farewell {word} #leaving", mediaIds = new[] { upload.Id } });
        var post = (await posted.Content.ReadFromJsonAsync<PostDto>())!;
        await ada.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = $"farewell {word} #leaving, edited" });
        var deletedEarlier = await ada.PostAsync($"deleted long ago {word}");
        await ada.Http.DeleteAsync($"/api/v1/posts/{deletedEarlier.Id}");
        var bosPost = await bo.PostAsync("bo's post ada replies to, likes and reposts");
        await ada.PostAsync($"a reply {word}", bosPost.Id);
        await ada.Http.PostAsync($"/api/v1/posts/{bosPost.Id}/like", null);
        await ada.Http.PostAsync($"/api/v1/posts/{bosPost.Id}/repost", null);
        await ada.FollowAsync(bo);
        await bo.FollowAsync(ada);
        Assert.Equal(HttpStatusCode.Accepted, (await ada.Http.PostAsync($"/api/v1/users/{cy.Handle}/follow", null)).StatusCode);
        await dee.Http.PostAsync($"/api/v1/users/{ada.Handle}/block", null);
        await ada.Http.PostAsync($"/api/v1/users/{cy.Handle}/mute", null);
        await bo.Http.PostAsync($"/api/v1/posts/{post.Id}/bookmark", null);
        await ada.Http.PostAsync($"/api/v1/posts/{bosPost.Id}/bookmark", null);
        await ada.Http.PostAsJsonAsync("/api/v1/filters", new { phrase = "spoilers", contexts = new[] { "home" }, action = "hide", wholeWord = true });
        var direct = await ada.StartAsync(null, bo);
        var message = await ada.SayAsync(direct.Id, "a message that stays with bo");
        var bosMessage = await bo.SayAsync(direct.Id, "and bo's, which ada reacts to");
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Http.PutAsync(
            $"/api/v1/conversations/{direct.Id}/messages/{bosMessage.Id}/reactions/{Uri.EscapeDataString("👍")}", null)).StatusCode);
        var group = await ada.StartAsync("study group", bo, cy);
        await ada.SayAsync(group.Id, "hello group");
        var export = (await (await ada.Http.PostAsync("/api/v1/me/export", null)).Content.ReadFromJsonAsync<ExportDto>())!;
        await ada.WaitForExportAsync(export.Id);
        var boBefore = await bo.ProfileAsync(bo.Handle);
        await Eventually.Satisfies(() => bo.Http.SearchPostsAsync(word), found => found.Items.Count == 2, "ada's posts are searchable");

        Assert.Equal(HttpStatusCode.Accepted, (await ada.DeleteAccountAsync(Infrastructure.Accounts.Password)).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await Eventually.Satisfies(() => ErasureChecks.FinishedAtAsync(fixture.Database, ada.Id), finished => finished is not null,
            "the erasure job finishes", TimeSpan.FromSeconds(60));

        Assert.Empty(await ErasureChecks.LeftoversAsync(fixture.Database, ada.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync(upload.Url)).StatusCode);
        Assert.False(Directory.EnumerateFiles(fixture.App.ExportPath).Any(), "the export archive is deleted");
        // The search index: her posts and her profile are gone.
        var viewer = await bo.SignInAgainAsync(fixture.App);
        await Eventually.Satisfies(() => viewer.Http.SearchPostsAsync(word), found => found.Items.Count == 0, "her posts leave the index");
        await Eventually.Satisfies(() => viewer.Http.SearchUsersAsync(ada.Handle), found => found.Items.Count == 0, "her profile leaves the index");

        // Counts of the others are right again.
        var boAfter = await viewer.ProfileAsync(bo.Handle);
        Assert.Equal(boBefore.FollowersCount - 1, boAfter.FollowersCount);
        Assert.Equal(boBefore.FollowingCount - 1, boAfter.FollowingCount);
        var bosPostAfter = (await viewer.Http.GetFromJsonAsync<PostDto>($"/api/v1/posts/{bosPost.Id}"))!;
        Assert.Equal((0, 0, 0), (bosPostAfter.LikeCount, bosPostAfter.ReplyCount, bosPostAfter.RepostCount));
        Assert.Empty(await viewer.BookmarksAsync());
        Assert.DoesNotContain((await viewer.NotificationsAsync()).Items, n => n.Actor.Id == ada.Id);

        // Her messages stay in bo's conversation, from "Deleted account"; she left the group.
        // (Each node is told to forget its copy of her profile; the notice is one-way, so it may land a moment later.)
        var history = await Eventually.Satisfies(
            async () => (await viewer.Http.GetFromJsonAsync<ItemsResponse<MessageDto>>($"/api/v1/conversations/{direct.Id}/messages"))!.Items,
            items => items.Any(m => m.Id == message.Id && m.Sender.Deleted), "her message shows the deleted account", TimeSpan.FromSeconds(5));
        var kept = Assert.Single(history, m => m.Id == message.Id);
        Assert.Equal("a message that stays with bo", kept.Text);
        Assert.Equal(("Deleted account", "", true), (kept.Sender.DisplayName, kept.Sender.Handle, kept.Sender.Deleted));
        var groupAfter = (await viewer.Http.GetFromJsonAsync<ConversationDto>($"/api/v1/conversations/{group.Id}"))!;
        Assert.DoesNotContain(groupAfter.Members, m => m.Id == ada.Id);

        // She cannot sign in; the email can sign up again; the handle stays reserved.
        using var http = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.LoginAsync(ada.Account.User.Email)).StatusCode);
        await (await viewer.Http.GetAsync($"/api/v1/users/{ada.Handle}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var sameEmail = await http.PostAsJsonAsync("/api/v1/auth/register",
            new { email = ada.Account.User.Email, password = Infrastructure.Accounts.Password, handle = Infrastructure.Accounts.NewHandle(), displayName = "Ada again" });
        Assert.Equal(HttpStatusCode.Created, sameEmail.StatusCode);
        var sameHandle = await http.PostAsJsonAsync("/api/v1/auth/register",
            new { email = Infrastructure.Accounts.EmailOf(Infrastructure.Accounts.NewHandle()), password = Infrastructure.Accounts.Password, handle = ada.Handle, displayName = "Not Ada" });
        await sameHandle.AssertProblemAsync(HttpStatusCode.Conflict, "handle_taken");
        // Nobody is there to talk to or to mention any more.
        var chat = await viewer.Http.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { ada.Handle } });
        await chat.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await viewer.PostAsync($"hello @{ada.Handle}, are you there?");
        Assert.Empty(await ErasureChecks.LeftoversAsync(fixture.Database, ada.Id));
    }
}

internal static class Deleting
{
    public static Task<HttpResponseMessage> DeleteAccountAsync(this Student who, string password) =>
        who.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/users/me") { Content = JsonContent.Create(new { password }) });
}
