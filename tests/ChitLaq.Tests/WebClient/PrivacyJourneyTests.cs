using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// Privacy in headless Chromium against a real node: Ada locks her account in Settings and posts to
/// her followers with the audience picker; Bo asks to follow from her profile, Ada approves on the
/// requests screen, and Bo then sees the post, bookmarks it and finds it under Bookmarks; Ada edits
/// it and Bo reads the edit history. Slow: a node process and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PrivacyJourneyTests() : BrowserNodeTest("privacy")
{
    [Fact]
    public async Task ALockedStudentApprovesAFollowerWhoThenSeesBookmarksAndReadsTheHistoryOfHerPost()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var bo = await Node.RegisterVerifiedAsync();
        var adaPage = await SignedInPageAsync(ada);
        var boPage = await SignedInPageAsync(bo);

        // Ada locks her account and makes "followers" her default audience.
        await adaPage.GotoAsync("/settings");
        await adaPage.GetByLabel("Lock my account").CheckAsync();
        await Expect(adaPage.Locator("#status")).ToContainTextAsync("Your account is locked");
        await adaPage.GetByLabel("New posts are for").SelectOptionAsync("followers");
        await Expect(adaPage.Locator("#status")).ToContainTextAsync("Default audience saved");
        await Browser.ScreenshotAsync(adaPage, "privacy-settings");

        await adaPage.GotoAsync("/");
        await Expect(adaPage.GetByLabel("Who can see this")).ToHaveValueAsync("followers");
        await adaPage.GetByLabel("What's happening on campus?").FillAsync("Study notes for my followers");
        await adaPage.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        var adasPost = adaPage.Locator(".post", new() { HasText = "Study notes for my followers" });
        await Expect(adasPost.GetByRole(AriaRole.Img, new() { Name = "Visible to followers" })).ToBeVisibleAsync();

        // Bo finds a locked profile and asks to follow.
        await boPage.GotoAsync($"/u/{ada.User.Handle}");
        await Expect(boPage.GetByRole(AriaRole.Img, new() { Name = "Locked account" })).ToBeVisibleAsync();
        await Expect(boPage.Locator(".post")).ToHaveCountAsync(0);
        await boPage.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
        await Expect(boPage.GetByRole(AriaRole.Button, new() { Name = "Requested" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(boPage, "follow-requested");

        // Ada approves him on the requests screen (the notification links there).
        await adaPage.GotoAsync("/notifications");
        await adaPage.GetByRole(AriaRole.Link, new() { Name = "Answer" }).First.ClickAsync();
        await Expect(adaPage.Locator(".request-row")).ToContainTextAsync(bo.User.Handle);
        await Browser.ScreenshotAsync(adaPage, "follow-requests");
        await adaPage.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(adaPage.Locator(".requests")).ToContainTextAsync("No one is waiting");

        // Bo now sees her post and bookmarks it.
        await boPage.ReloadAsync();
        await Expect(boPage.GetByRole(AriaRole.Button, new() { Name = "Following", Exact = true })).ToBeVisibleAsync();
        var seen = boPage.Locator(".post", new() { HasText = "Study notes for my followers" });
        await seen.GetByRole(AriaRole.Button, new() { Name = "Bookmark" }).ClickAsync();
        await Expect(seen.GetByRole(AriaRole.Button, new() { Name = "Bookmark" })).ToHaveAttributeAsync("aria-pressed", "true");
        await boPage.GetByRole(AriaRole.Link, new() { Name = "Bookmarks" }).First.ClickAsync();
        await Expect(boPage.Locator(".post")).ToContainTextAsync("Study notes for my followers");

        // Ada edits the post; Bo reads what it said before.
        using var adaHttp = Node.ClientFor(ada.AccessToken);
        var mine = await adaHttp.GetFromJsonAsync<JsonElement>($"/api/v1/users/{ada.User.Handle}/posts");
        var postId = mine.GetProperty("items")[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await adaHttp.PatchAsJsonAsync($"/api/v1/posts/{postId}", new { text = "Study notes for my followers (chapter 3 added)" })).StatusCode);
        await boPage.ReloadAsync();
        await boPage.Locator(".post").GetByRole(AriaRole.Button, new() { Name = "edited" }).ClickAsync();
        var history = boPage.GetByRole(AriaRole.Dialog, new() { Name = "Edit history" });
        await Expect(history.Locator("li")).ToHaveCountAsync(2);
        await Expect(history.Locator("li").First).ToContainTextAsync("chapter 3 added");
        await Expect(history.Locator("li").Last).ToContainTextAsync("Original");
        await Browser.ScreenshotAsync(boPage, "edit-history");
    }
}
