using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// Trust and safety in real headless Chromium against a real node: a student reports a post and a
/// profile from the dialog, the admin resolves it from the moderation screen with a suspension,
/// the suspended student sees the restricted screen and appeals, a second moderator overturns it;
/// a student sets warn filters in settings and sees a post folded behind its warning; the admin
/// adds a keyword rule and a post with the word is refused in the composer. Slow: a node process
/// and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TrustAndSafetyJourneyTests() : BrowserNodeTest("tns", new Dictionary<string, string> { ["Auth__AdminEmails__0"] = AdminEmail })
{
    private const string AdminEmail = "safety.office@campus.edu";
    [Fact]
    public async Task AReportIsResolvedWithASuspensionAppealedAndOverturnedAndFiltersAndRulesWorkFromTheScreens()
    {
        var admin = await RegisterAsync(Infrastructure.Accounts.NewHandle("office"), AdminEmail);
        var secondModerator = await RegisterAsync(Infrastructure.Accounts.NewHandle("mod"));
        using (var adminHttp = Node.ClientFor(admin.AccessToken))
            Assert.Equal(HttpStatusCode.NoContent, (await adminHttp.PutAsync($"/api/v1/admin/users/{secondModerator.User.Handle}/roles/moderator", null)).StatusCode);
        secondModerator = await SignInAsync(secondModerator.User.Email);
        var ada = await RegisterAsync(Infrastructure.Accounts.NewHandle("ada"));
        var bo = await RegisterAsync(Infrastructure.Accounts.NewHandle("bo"));
        using var adaHttp = Node.ClientFor(ada.AccessToken);
        using var boHttp = Node.ClientFor(bo.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsync($"/api/v1/users/{bo.User.Handle}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await boHttp.PostAsJsonAsync("/api/v1/posts", new { text = "Meet me behind the library, loser" })).StatusCode);

        // Ada reports the post from her feed, and Bo's profile.
        var adaPage = await SignedInPageAsync(ada);
        var post = adaPage.Locator(".post", new() { HasText = "behind the library" });
        await post.GetByRole(AriaRole.Button, new() { Name = "Report this post" }).ClickAsync();
        var dialog = adaPage.GetByRole(AriaRole.Dialog, new() { Name = "Report this post" });
        await dialog.GetByLabel("Harassment or bullying").CheckAsync();
        await dialog.GetByLabel("Anything moderators should know").FillAsync("He keeps doing this to first-years.");
        await Browser.ScreenshotAsync(adaPage, "report-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(adaPage.Locator("#status")).ToContainTextAsync("Your report was sent");
        await Expect(dialog).ToHaveCountAsync(0);
        await adaPage.GotoAsync($"/u/{bo.User.Handle}");
        await adaPage.GetByRole(AriaRole.Button, new() { Name = "Report this account" }).ClickAsync();
        var profileDialog = adaPage.GetByRole(AriaRole.Dialog, new() { Name = "Report this account" });
        await profileDialog.GetByLabel("Spam or scam").CheckAsync();
        await profileDialog.GetByRole(AriaRole.Button, new() { Name = "Send report" }).ClickAsync();
        await Expect(adaPage.Locator("#status")).ToContainTextAsync("Your report was sent");

        // Bo is signed in in his own browser before the decision.
        var boPage = await SignedInPageAsync(bo);
        await Expect(boPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Home");

        // The admin takes the post's report and suspends Bo for a day.
        var adminPage = await SignedInPageAsync(admin);
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Moderation" }).ClickAsync();
        var report = adminPage.Locator(".report", new() { HasText = "behind the library" });
        await Expect(report).ToContainTextAsync("He keeps doing this to first-years.");
        await report.GetByRole(AriaRole.Button, new() { Name = "Take it" }).ClickAsync();
        report = adminPage.Locator(".report", new() { HasText = "behind the library" });
        await Expect(report).ToContainTextAsync("taken by");
        await report.GetByLabel("Decision").SelectOptionAsync("suspension");
        await report.GetByLabel("For how many hours").FillAsync("24");
        await report.GetByLabel("Reason (the user reads this)").FillAsync("Harassing other students");
        await Browser.ScreenshotAsync(adminPage, "moderation-queue");
        await report.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(adminPage.Locator("#status")).ToContainTextAsync("Resolved");

        // Bo's open tab is signed out (his sessions ended); signing in again gives the restricted screen, where he appeals.
        await Expect(boPage.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await boPage.GetByLabel("Email").FillAsync(bo.User.Email);
        await boPage.GetByLabel("Password").FillAsync(Infrastructure.Accounts.Password);
        await boPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(boPage.GetByRole(AriaRole.Heading, new() { Name = "Your account is suspended" })).ToBeVisibleAsync();
        await Expect(boPage.Locator(".decision")).ToContainTextAsync("Harassing other students");
        await Expect(boPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).Not.ToContainTextAsync("Chat");
        await boPage.GetByLabel("Appeal this decision").FillAsync("It was a joke between friends; I apologised.");
        await Browser.ScreenshotAsync(boPage, "suspended-appeal");
        await boPage.GetByRole(AriaRole.Button, new() { Name = "Send appeal" }).ClickAsync();
        await Expect(boPage.Locator(".decision")).ToContainTextAsync("Appeal waiting for a moderator");

        // A second moderator overturns it; Bo is back.
        var moderatorPage = await SignedInPageAsync(secondModerator);
        await moderatorPage.GotoAsync("/moderation?tab=appeals");
        var appeal = moderatorPage.Locator(".appeal", new() { HasText = "a joke between friends" });
        await appeal.GetByLabel("Reason for the outcome").FillAsync("Context shows no harassment");
        await appeal.GetByRole(AriaRole.Button, new() { Name = "Overturn" }).ClickAsync();
        await Expect(moderatorPage.Locator("#status")).ToContainTextAsync("Overturned");
        await boPage.ReloadAsync();
        await Expect(boPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Chat");
        await Expect(boPage.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true })).ToBeVisibleAsync();

        // Ada folds posts about spoilers behind a warning.
        await adaPage.GotoAsync("/");
        await adaPage.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await adaPage.GetByLabel("Word or phrase").FillAsync("spoiler");
        await adaPage.GetByLabel("Show them behind a warning").CheckAsync();
        await adaPage.GetByRole(AriaRole.Button, new() { Name = "Add filter" }).ClickAsync();
        await Expect(adaPage.Locator(".filter-row")).ToContainTextAsync("“spoiler”");
        await Expect(adaPage.Locator(".filter-row")).ToContainTextAsync("Shown with a warning");
        await Browser.ScreenshotAsync(adaPage, "filter-settings");
        Assert.Equal(HttpStatusCode.Created, (await Node.ClientFor((await SignInAsync(bo.User.Email)).AccessToken)
            .PostAsJsonAsync("/api/v1/posts", new { text = "Huge SPOILER: the finale ends in a wedding" })).StatusCode);
        await adaPage.GetByRole(AriaRole.Link, new() { Name = "Home" }).ClickAsync();
        var folded = adaPage.Locator(".post", new() { HasText = "Matches your filter" });
        await Expect(folded).ToContainTextAsync("“spoiler”");
        await Expect(folded.GetByText("the finale ends in a wedding")).ToBeHiddenAsync();
        await folded.GetByRole(AriaRole.Button, new() { Name = "Show anyway" }).ClickAsync();
        await Expect(adaPage.GetByText("the finale ends in a wedding")).ToBeVisibleAsync();

        // The admin blocks a word server-wide; Ada's post with it is refused in the composer.
        await adminPage.GotoAsync("/moderation?tab=rules");
        await adminPage.GetByLabel("Word or phrase").FillAsync("grindset");
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await Expect(adminPage.Locator(".filter-row")).ToContainTextAsync("“grindset”");
        await adaPage.GetByLabel("What's happening on campus?").FillAsync("Join my grindset seminar");
        await adaPage.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(adaPage.Locator(".composer .form-error")).ToContainTextAsync("does not allow");
        await Browser.ScreenshotAsync(adaPage, "content-blocked");

        var audit = await adminPage.Context.APIRequest.GetAsync("/api/v1/moderation/audit?limit=100",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + admin.AccessToken } });
        var actions = JsonDocument.Parse(await audit.TextAsync()).RootElement.GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("suspension", actions);
        Assert.Contains("appeal_overturned", actions);
        Assert.Contains("rule_added", actions);
    }

    private Task<AuthResponse> RegisterAsync(string handle, string? email = null) =>
        Node.Http.RegisterVerifiedAsync(Node.MailDirectory, handle, email ?? Infrastructure.Accounts.EmailOf(handle));
}
