using System.IO.Compression;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// "Your data" in headless Chromium against a real node: Ada asks for a copy of her data, watches
/// it being prepared and downloads the zip; then she deletes her account (a wrong password first),
/// lands on the sign-in screen that says when it will be erased, and signing in again brings her
/// back with everything in place. Slow: a node process and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AccountDataJourneyTests() : BrowserNodeTest("account-data")
{
    [Fact]
    public async Task AStudentDownloadsHerDataThenDeletesHerAccountAndChangesHerMindBySigningIn()
    {
        var ada = await Node.RegisterVerifiedAsync();
        using (var http = Node.ClientFor(ada.AccessToken))
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/api/v1/posts", new { text = "Notes worth keeping" });
        var page = await SignedInPageAsync(ada);

        await page.GotoAsync("/settings");
        await page.GetByRole(AriaRole.Link, new() { Name = "Download your data or delete your account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your data", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for a copy of my data" }).ClickAsync();
        // A background job: on a busy machine it may take more than the default few seconds.
        await Expect(page.Locator(".export-row[data-status=ready]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ask for a copy of my data" })).ToBeDisabledAsync();
        await Browser.ScreenshotAsync(page, "your-data");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".export-row").GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename);
        using (var zip = new ZipArchive(File.OpenRead((await download.PathAsync())!)))
        using (var posts = new StreamReader(zip.GetEntry("posts.json")!.Open()))
            Assert.Contains("Notes worth keeping", await posts.ReadToEndAsync());

        // Deleting takes the password; a wrong one changes nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete your account" });
        await dialog.GetByLabel("Your password").FillAsync("not-the-password");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("That password is not right");
        await Browser.ScreenshotAsync(page, "delete-account");
        await dialog.GetByLabel("Your password").FillAsync(Infrastructure.Accounts.Password);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin$"));
        await Expect(page.Locator(".notice")).ToContainTextAsync("Your account will be deleted on");
        await Expect(page.Locator(".offline-notice")).ToBeHiddenAsync(); // signed out, not "reconnecting"
        await Browser.ScreenshotAsync(page, "deletion-scheduled");
        // Every session ended: the token the test signed in with no longer works.
        using (var old = Node.ClientFor(ada.AccessToken))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/auth/me")).StatusCode);

        await page.GetByLabel("Email").FillAsync(ada.User.Email);
        await page.GetByLabel("Password").FillAsync(Infrastructure.Accounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("Your account will not be deleted");
        await page.GotoAsync($"/u/{ada.User.Handle}");
        await Expect(page.Locator(".post")).ToContainTextAsync("Notes worth keeping");
    }
}
