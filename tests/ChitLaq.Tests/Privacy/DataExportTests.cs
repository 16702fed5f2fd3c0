using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Privacy;
using ChitLaq.Tests.Infrastructure;

namespace ChitLaq.Tests.Privacy;

/// <summary>API.md "Privacy and account control": POST /me/export, GET /me/export/{id}, the archive.</summary>
public sealed class DataExportTests(AccountJobsFixture fixture) : IClassFixture<AccountJobsFixture>
{
    [Fact]
    public async Task TheArchiveHoldsTheProfilePostsMediaGraphBookmarksAndSentMessagesAsJson()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        using var cy = await Student.CreateAsync(fixture.App);
        var image = TestImages.Jpeg(64, 48);
        var upload = await ada.Http.UploadOkAsync(image);
        var posted = await ada.Http.PostAsJsonAsync("/api/v1/posts", new { text = "exported #study with a photo", mediaIds = new[] { upload.Id }, audience = "campus" });
        var post = (await posted.Content.ReadFromJsonAsync<Api.Posts.PostDto>())!;
        await ada.Http.PatchAsJsonAsync($"/api/v1/posts/{post.Id}", new { text = "exported #study, edited" });
        var deleted = await ada.PostAsync("deleted before the export");
        await ada.Http.DeleteAsync($"/api/v1/posts/{deleted.Id}");
        var bosPost = await bo.PostAsync("bo's post to bookmark");
        await ada.Http.PostAsync($"/api/v1/posts/{bosPost.Id}/bookmark", null);
        await ada.FollowAsync(bo);
        await bo.FollowAsync(ada);
        await ada.Http.PostAsync($"/api/v1/users/{cy.Handle}/mute", null);
        using var dee = await Student.CreateAsync(fixture.App);
        await ada.Http.PostAsync($"/api/v1/users/{dee.Handle}/block", null);
        var chat = await ada.StartAsync(null, bo);
        await ada.SayAsync(chat.Id, "a message from ada");
        var bosMessage = await bo.SayAsync(chat.Id, "a message from bo");
        await ada.Http.PutAsync($"/api/v1/conversations/{chat.Id}/messages/{bosMessage.Id}/reactions/{Uri.EscapeDataString("🎉")}", null);

        var requested = await ada.Http.PostAsync("/api/v1/me/export", null);
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var export = (await requested.Content.ReadFromJsonAsync<ExportDto>())!;
        Assert.Equal("pending", export.Status);
        Assert.Null(export.Url);
        Assert.EndsWith($"/me/export/{export.Id}", requested.Headers.Location!.ToString());

        var ready = await ada.WaitForExportAsync(export.Id);
        Assert.Equal($"/api/v1/me/export/{export.Id}/download", ready.Url);
        Assert.True(ready.ExpiresAt - ready.ReadyAt >= TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));

        var download = await ada.Http.GetAsync(ready.Url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(ready.Bytes, bytes.Length);
        using var zip = new ZipArchive(new MemoryStream(bytes));

        var profile = Json(zip, "profile.json");
        Assert.Equal(ada.Handle, profile.GetProperty("handle").GetString());
        Assert.Equal(ada.Account.User.Email, profile.GetProperty("email").GetString());

        var posts = Json(zip, "posts.json").EnumerateArray().ToList();
        var exported = Assert.Single(posts);
        Assert.Equal(post.Id, exported.GetProperty("id").GetString());
        Assert.Equal("exported #study, edited", exported.GetProperty("text").GetString());
        Assert.Equal("campus", exported.GetProperty("audience").GetString());
        Assert.Equal("exported #study with a photo", exported.GetProperty("earlierTexts")[0].GetProperty("text").GetString());
        Assert.Equal(["study"], exported.GetProperty("hashtags").EnumerateArray().Select(t => t.GetString()));

        var media = Assert.Single(Json(zip, "media.json").EnumerateArray());
        Assert.Equal(upload.Id, media.GetProperty("id").GetString());
        var file = zip.GetEntry(media.GetProperty("file").GetString()!)!;
        Assert.Equal(upload.Bytes, file.Length);

        Assert.Equal([bo.Id], Json(zip, "following.json").EnumerateArray().Select(e => e.GetProperty("userId").GetString()));
        Assert.Equal([bo.Handle], Json(zip, "followers.json").EnumerateArray().Select(e => e.GetProperty("handle").GetString()));
        Assert.Equal([cy.Handle], Json(zip, "mutes.json").EnumerateArray().Select(e => e.GetProperty("handle").GetString()));
        Assert.Equal([dee.Handle], Json(zip, "blocks.json").EnumerateArray().Select(e => e.GetProperty("handle").GetString()));
        Assert.Equal([bosPost.Id], Json(zip, "bookmarks.json").EnumerateArray().Select(e => e.GetProperty("postId").GetString()));
        var messages = Json(zip, "messages.json").EnumerateArray().ToList();
        Assert.Equal(["a message from ada"], messages.Select(m => m.GetProperty("text").GetString())); // not what others sent
        Assert.Equal(chat.Id, messages[0].GetProperty("conversationId").GetString());
        Assert.Equal([chat.Id], Json(zip, "conversations.json").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(["🎉"], Json(zip, "reactions.json").EnumerateArray().Select(r => r.GetProperty("emoji").GetString()));
        Assert.NotNull(zip.GetEntry("README.txt"));
        await Eventually.Satisfies(() => Task.FromResult(Infrastructure.Accounts.MailTo(fixture.App.MailDirectory, ada.Account.User.Email)),
            mails => mails.Any(m => (m.Subject ?? "").Contains("data is ready")), "the student is emailed that the export is ready");
    }

    [Fact]
    public async Task OneExportADayAndOnlyItsOwnerSeesOrDownloadsIt()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        using var bo = await Student.CreateAsync(fixture.App);
        var export = (await (await ada.Http.PostAsync("/api/v1/me/export", null)).Content.ReadFromJsonAsync<ExportDto>())!;

        var again = await ada.Http.PostAsync("/api/v1/me/export", null);
        var problem = await again.AssertProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(export.Id, problem.GetProperty("exportId").GetString());
        Assert.InRange(again.Headers.RetryAfter!.Delta!.Value.TotalHours, 23, 24);

        var ready = await ada.WaitForExportAsync(export.Id);
        Assert.Equal([export.Id], (await ada.Http.GetFromJsonAsync<Api.Auth.ItemsResponse<ExportDto>>("/api/v1/me/exports"))!.Items.Select(e => e.Id));
        await (await bo.Http.GetAsync($"/api/v1/me/export/{export.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await bo.Http.GetAsync(ready.Url)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync(ready.Url)).StatusCode);
        await (await ada.Http.GetAsync("/api/v1/me/export/not-an-export")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnArchiveExpiresAfterSevenDaysAndANewOneCanBeAskedForAfterADay()
    {
        using var ada = await Student.CreateAsync(fixture.App);
        var export = (await (await ada.Http.PostAsync("/api/v1/me/export", null)).Content.ReadFromJsonAsync<ExportDto>())!;
        var ready = await ada.WaitForExportAsync(export.Id);
        var archive = Path.Combine(fixture.App.ExportPath, export.Id + ".zip");
        Assert.True(File.Exists(archive));

        fixture.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var session = await ada.SignInAgainAsync(fixture.App);
        Assert.Equal("expired", (await session.Http.GetFromJsonAsync<ExportDto>($"/api/v1/me/export/{export.Id}"))!.Status);
        await (await session.Http.GetAsync(ready.Url)).AssertProblemAsync(HttpStatusCode.Gone, "export_expired");
        await Eventually.Satisfies(() => Task.FromResult(File.Exists(archive)), exists => !exists, "the expired archive is deleted");

        Assert.Equal(HttpStatusCode.Accepted, (await session.Http.PostAsync("/api/v1/me/export", null)).StatusCode);
    }

    private static JsonElement Json(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is missing from the archive");
        using var stream = entry.Open();
        return JsonDocument.Parse(stream).RootElement.Clone();
    }
}

internal static class Exporting
{
    public static Task<ExportDto> WaitForExportAsync(this Student who, string exportId) =>
        Eventually.Satisfies(async () => (await who.Http.GetFromJsonAsync<ExportDto>($"/api/v1/me/export/{exportId}"))!,
            export => export.Status == "ready", "the export is built", TimeSpan.FromSeconds(30));
}
