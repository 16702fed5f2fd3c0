using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace ChitLaq.Tests.Moderation;

public sealed class SuspensionTests(ModerationFixture fixture, ITestOutputHelper output) : IClassFixture<ModerationFixture>
{
    [Fact]
    public async Task ASuspensionClosesTheHubConnectionAndRevokesTokensWithinFiveSeconds()
    {
        var student = await fixture.StudentAsync();
        await using var phone = await Device.ConnectAsync(fixture.App, student.Account.AccessToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        phone.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        var moderator = await fixture.ModeratorAsync();

        var clock = Stopwatch.StartNew();
        await moderator.ActOnAsync(student, "suspension", "Harassing classmates", durationHours: 72);
        var suspendedAfter = clock.Elapsed;
        var refusedAt = await Eventually.Satisfies(async () =>
            (await student.Http.GetAsync("/api/v1/feed/home")).StatusCode, status => status == HttpStatusCode.Unauthorized, "the old access token fails");
        var tokenFailedAfter = clock.Elapsed;
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var hubClosedAfter = clock.Elapsed;
        output.WriteLine($"suspend answered after {suspendedAfter.TotalMilliseconds:0} ms; old token refused after {tokenFailedAfter.TotalMilliseconds:0} ms; " +
                         $"hub connection closed after {hubClosedAfter.TotalMilliseconds:0} ms");
        Assert.True(tokenFailedAfter < TimeSpan.FromSeconds(5), $"the token kept working for {tokenFailedAfter}");

        var revoked = await student.Http.GetAsync("/api/v1/auth/me");
        Assert.Equal("token_revoked", await Moderating.CodeOf(revoked));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.RefreshAsync(student.Account.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task ASuspendedStudentSignsInToARestrictedSessionAndIsHiddenFromOthers()
    {
        var student = await fixture.StudentAsync();
        var follower = await fixture.StudentAsync();
        await follower.FollowAsync(student);
        var post = await student.PostAsync("my last post");
        await Eventually.Satisfies(follower.HomeIdsAsync, ids => ids.Contains(post.Id), "the post reaches the follower");
        var moderator = await fixture.ModeratorAsync();
        var decision = await moderator.ActOnAsync(student, "suspension", "Repeated harassment", durationHours: 48);

        var login = await fixture.Http.LoginAsync(student.Account.User.Email);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = (await login.Content.ReadFromJsonAsync<AuthResponse>())!;
        Assert.Equal("suspended", session.User.Standing);
        using var restricted = fixture.App.WithToken(session.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await restricted.GetAsync("/api/v1/auth/me")).StatusCode);
        var mine = await restricted.GetFromJsonAsync<JsonElement>("/api/v1/decisions/mine");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), d => d.GetProperty("reason").GetString() == "Repeated harassment");
        var feed = await restricted.GetAsync("/api/v1/feed/home");
        Assert.Equal(HttpStatusCode.Forbidden, feed.StatusCode);
        Assert.Equal("account_suspended", await Moderating.CodeOf(feed));
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(await feed.Content.ReadAsStringAsync()).RootElement.GetProperty("until").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await restricted.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null)).StatusCode);

        // Hidden from everyone else while it lasts.
        Assert.Equal(HttpStatusCode.NotFound, (await follower.Http.GetAsync($"/api/v1/users/{student.Handle}")).StatusCode);
        await Eventually.Satisfies(follower.HomeIdsAsync, ids => !ids.Contains(post.Id), "the suspended student's post leaves the feed");

        var appeal = await restricted.PostAsJsonAsync($"/api/v1/decisions/{decision.GetProperty("id").GetString()}/appeal", new { text = "It was a misunderstanding" });
        Assert.Equal(HttpStatusCode.Created, appeal.StatusCode);

        await moderator.ActOnAsync(student, "lifted", "Served");
        await Eventually.Satisfies(async () => (await restricted.GetAsync("/api/v1/feed/home")).StatusCode,
            status => status == HttpStatusCode.OK, "lifting restores the session");
        Assert.Equal(HttpStatusCode.OK, (await follower.Http.GetAsync($"/api/v1/users/{student.Handle}")).StatusCode);
    }

    [Fact]
    public async Task ModeratorsActOnlyOnTheirUniversityAndNeverOnAdminsOrThemselves()
    {
        var there = await fixture.StudentAsync(ModerationFixture.OtherUniversity);
        var moderator = await fixture.ModeratorAsync();
        var admin = await fixture.AdminAsync();
        foreach (var target in new[] { there.Handle, admin.Handle, moderator.Handle })
        {
            var response = await moderator.Http.PostAsJsonAsync($"/api/v1/moderation/users/{target}/actions", new { action = "warning", reason = "test" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created,
            (await admin.Http.PostAsJsonAsync($"/api/v1/moderation/users/{there.Handle}/actions", new { action = "warning", reason = "Admins act everywhere" })).StatusCode);
        var noDuration = await admin.Http.PostAsJsonAsync($"/api/v1/moderation/users/{there.Handle}/actions", new { action = "suspension", reason = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noDuration.StatusCode);
    }
}
