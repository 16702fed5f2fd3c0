using System.Text.RegularExpressions;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// Two students in two real headless Chromium profiles use the web client served by a real node:
/// sign up, verify through the emailed link, follow each other, post and see it in the other's
/// feed, chat both ways with typing and read ticks, and keep the chat across a node restart.
/// Slow: a node process and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class WebClientJourneyTests() : BrowserNodeTest("web")
{
    [Fact]
    public async Task TwoStudentsSignUpFollowPostChatAndKeepTheirChatAcrossANodeRestart()
    {
        var ada = await Chromium.NewStudentPageAsync(Node.Http.BaseAddress!);
        var bo = await Chromium.NewStudentPageAsync(Node.Http.BaseAddress!, phone: true);
        var adaHandle = Infrastructure.Accounts.NewHandle("ada");
        var boHandle = Infrastructure.Accounts.NewHandle("bo");

        await SignUpAndVerifyAsync(ada, adaHandle, "Ada Lovelace", "signup");
        await SignUpAndVerifyAsync(bo, boHandle, "Bo Chen", null);

        // A reload keeps the session (the refresh token survives; the access token is renewed silently).
        await bo.ReloadAsync();
        await Expect(bo.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Sign out");

        // Follow each other from the profile pages.
        await FollowAsync(ada, boHandle);
        await FollowAsync(bo, adaHandle);
        await Browser.ScreenshotAsync(bo, "profile-phone");

        // Ada posts; Bo's open feed announces it live, and shows it.
        await bo.GotoAsync("/");
        await ada.GotoAsync("/");
        // The home view renders once the page's hub connection is up, so Bo will hear of the post
        // (on his phone the composer opens from the "New post" button).
        await Expect(bo.GetByRole(AriaRole.Button, new() { Name = "New post" })).ToBeVisibleAsync();
        await ada.GetByLabel("What's happening on campus?").FillAsync("Study group tonight #finals with @" + boHandle);
        await Expect(ada.Locator(".counter")).ToContainTextAsync("/ 500");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(ada.Locator(".post").First).ToContainTextAsync("Study group tonight");
        var banner = bo.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("new post") });
        await Expect(banner).ToHaveTextAsync("1 new post");
        await banner.ClickAsync();
        await Expect(bo.Locator(".post").First).ToContainTextAsync("Study group tonight");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(bo.Locator(".post a.tag").First).ToHaveTextAsync("#finals");
        await Browser.ScreenshotAsync(bo, "home-feed-phone");
        await Browser.ScreenshotAsync(ada, "home-feed");

        // Ada starts a direct chat and writes; Bo sees it with an unread count, opens it, replies.
        await ada.GotoAsync("/chat");
        await ada.GetByLabel("Handles to chat with, separated by commas").FillAsync(boHandle);
        await ada.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await ada.GetByLabel("Message", new() { Exact = true }).FillAsync("Hi Bo, see you at the library?");
        await ada.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(ada.Locator(".messages li.mine").First).ToContainTextAsync("see you at the library");

        await bo.GotoAsync("/chat");
        await Expect(bo.Locator(".conversation .badge")).ToHaveTextAsync("1");
        await Expect(bo.Locator("#chat-badge")).ToHaveTextAsync("1");
        await ada.GetByLabel("Message", new() { Exact = true }).FillAsync("Bring the notes");
        await ada.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        // Bo's tab has it (the list is open, the conversation is not): delivered, not yet read.
        await Expect(ada.Locator(".messages li.mine .ticks").Last).ToHaveAttributeAsync("data-state", "delivered");
        await Browser.ScreenshotAsync(bo, "conversations-phone");
        await bo.Locator(".conversation").First.ClickAsync();
        await Expect(bo.Locator(".messages li.theirs").First).ToContainTextAsync("see you at the library");
        // Bo has read it: Ada's message gets the read ticks.
        await Expect(ada.Locator(".messages li.mine .ticks[data-state=read]")).ToHaveCountAsync(2);

        await bo.GetByLabel("Message", new() { Exact = true }).PressSequentiallyAsync("On my way");
        await Expect(ada.Locator(".typing")).ToContainTextAsync("Bo Chen is typing");
        await bo.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(ada.Locator(".messages li.theirs")).ToContainTextAsync("On my way");
        await Browser.ScreenshotAsync(ada, "chat");

        // The node restarts (same port, same database). Both pages reconnect by themselves and
        // Resume: nothing is lost, nothing is shown twice, and the chat goes on.
        Assert.Equal(0, await Node.StopGracefullyAsync());
        await Expect(ada.Locator(".offline-notice")).ToBeVisibleAsync();
        await RestartNodeAsync();
        await Expect(ada.Locator(".offline-notice")).ToBeHiddenAsync(new() { Timeout = 60_000 });
        await Expect(bo.Locator(".offline-notice")).ToBeHiddenAsync(new() { Timeout = 60_000 });

        await bo.GetByLabel("Message", new() { Exact = true }).FillAsync("Back after the restart");
        await bo.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(ada.Locator(".messages li.theirs").Last).ToContainTextAsync("Back after the restart");
        await Expect(ada.Locator(".messages li")).ToHaveCountAsync(4);
        await Expect(ada.Locator(".messages li", new() { HasText = "see you at the library" })).ToHaveCountAsync(1);
        // After a reload the ticks come from the conversation's receipts, not only from live events.
        await ada.ReloadAsync();
        await Expect(ada.Locator(".messages li.mine .ticks[data-state=read]")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(ada, "chat-after-restart");

        // Bo mutes the chat: Ada's messages still arrive, but the chat badge leaves it out.
        await bo.GetByRole(AriaRole.Button, new() { Name = "Mute this conversation" }).ClickAsync();
        await bo.GetByRole(AriaRole.Menuitem, new() { Name = "For 8 hours" }).ClickAsync();
        await Expect(bo.Locator(".mute-control")).ToContainTextAsync("Muted until");
        await bo.GotoAsync("/chat");
        await ada.GetByLabel("Message", new() { Exact = true }).FillAsync("Are you still there?");
        await ada.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(bo.Locator(".conversation").First).ToContainTextAsync("Are you still there?");
        await Expect(bo.Locator(".conversation .badge.quiet")).ToHaveTextAsync("1");
        await Expect(bo.Locator(".conversation .muted-icon")).ToBeVisibleAsync();
        await Expect(bo.Locator("#chat-badge")).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(bo, "conversations-muted");

        // Unmuted, the conversation offers muting again.
        await bo.Locator(".conversation").First.ClickAsync();
        await bo.GetByRole(AriaRole.Button, new() { Name = "Unmute" }).ClickAsync();
        await Expect(bo.GetByRole(AriaRole.Button, new() { Name = "Mute this conversation" })).ToBeVisibleAsync();
    }

    private async Task SignUpAndVerifyAsync(IPage page, string handle, string name, string? screenshot)
    {
        var email = Infrastructure.Accounts.EmailOf(handle);
        await page.GotoAsync("/signup");
        await page.GetByLabel("University email").FillAsync(email);
        await page.GetByLabel("Handle").FillAsync(handle);
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Password (at least 10 characters)").FillAsync(Infrastructure.Accounts.Password);
        if (screenshot is not null) await Browser.ScreenshotAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your university email" })).ToBeVisibleAsync();
        await Expect(page.GetByText("mail pickup folder")).ToBeVisibleAsync();

        // The link in the email, opened in the same browser, as a student would.
        var mail = await Eventually.Satisfies(
            () => Task.FromResult(Infrastructure.Accounts.MailTo(Node.MailDirectory, email).FirstOrDefault()),
            found => found is not null, "the verification email is written");
        var link = Regex.Match(mail!.TextBody ?? "", @"https?://\S+/verify-email\?token=\S+").Value;
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your email is verified" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to your feed" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Sign out");
        await Expect(page.Locator(".notice")).ToHaveCountAsync(0); // no "verify your email" any more
    }

    private static async Task FollowAsync(IPage page, string handle)
    {
        await page.GotoAsync($"/u/{handle}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Follow", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Following", Exact = true })).ToBeVisibleAsync();
    }
}
