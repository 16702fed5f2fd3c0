using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// The parts of the redesign a student touches, in headless Chromium against a real node: on a
/// phone the tab bar, the composer sheet with an image preview and upload progress, the image
/// grid and its viewer; the theme that follows the system until a student picks one (and keeps
/// it); relative times that move on while a screen stays open. Slow: a node process and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DesignJourneyTests() : BrowserNodeTest("design")
{
    [Fact]
    public async Task OnAPhoneAStudentPostsAPhotoFromTheComposerSheetAndOpensItInTheViewer()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var phone = ScreenProfile.All.Single(p => p.Name == "phone-light");
        var page = await phone.NewPageAsync(Chromium, Node.Http.BaseAddress!, (await SignInAsync(ada.User.Email)).RefreshToken);
        await page.GotoAsync("/");

        // The five main places are a tab bar at the bottom of the screen.
        var tabs = page.Locator(".shell-nav .primary");
        await Expect(tabs.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Home", "Explore", "Chat", "Notifications", "Profile"]);
        var bar = await tabs.BoundingBoxAsync();
        Assert.True(bar!.Y + bar.Height >= 844 - 1, $"the tab bar sits at the bottom of the screen (ends at {bar.Y + bar.Height})");
        await Expect(page.GetByText("Your feed is quiet")).ToBeVisibleAsync(); // the empty state, not a blank page

        // The composer opens as a sheet; an image shows at once with its progress, then posts.
        await page.GetByRole(AriaRole.Button, new() { Name = "New post" }).ClickAsync();
        var sheet = page.GetByRole(AriaRole.Dialog, new() { Name = "New post" });
        await Expect(sheet).ToBeVisibleAsync();
        await sheet.GetByLabel("What's happening on campus?").FillAsync("Sunset over the quad #campus");
        await sheet.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "quad.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(1200, 800) });
        await Expect(sheet.Locator(".attachment img")).ToHaveCountAsync(1);
        await Expect(sheet.Locator(".attachment progress")).ToHaveCountAsync(0, new() { Timeout = 20_000 }); // uploaded
        await Browser.ScreenshotAsync(page, "composer-sheet-phone");
        await sheet.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(sheet).ToHaveCountAsync(0);
        var post = page.Locator(".post", new() { HasText = "Sunset over the quad" });
        await Expect(post.Locator(".image-grid img")).ToHaveCountAsync(1);
        // The feed shows the feed-sized variant (at most 400 px wide), not the 1200 px original.
        var shown = post.Locator(".image-grid img");
        await Expect(shown).ToHaveJSPropertyAsync("complete", true);
        var width = await shown.EvaluateAsync<int>("img => img.naturalWidth");
        Assert.InRange(width, 1, 400);

        // A tap opens the viewer with the original; Escape closes it.
        await post.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open image") }).ClickAsync();
        var viewer = page.GetByRole(AriaRole.Dialog, new() { Name = "Image viewer" });
        await Expect(viewer).ToBeVisibleAsync();
        await Expect(viewer.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        await Browser.ScreenshotAsync(page, "image-viewer-phone");
        await page.Keyboard.PressAsync("Escape");
        await Expect(viewer).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheThemeFollowsTheSystemUntilAStudentPicksOneAndTheChoiceIsKept()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var dark = ScreenProfile.All.Single(p => p.Name == "desktop-dark");
        var page = await dark.NewPageAsync(Chromium, Node.Http.BaseAddress!, (await SignInAsync(ada.User.Email)).RefreshToken);
        await page.GotoAsync("/settings");
        var html = page.Locator("html");
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark"); // the system says dark

        await page.GetByRole(AriaRole.Radio, new() { Name = "Light" }).CheckAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        Assert.Equal("rgb(244, 245, 249)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light"); // kept on this device
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Light" })).ToBeCheckedAsync();

        // The switch in the navigation steps through light → dark → as the system.
        var toggle = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Theme") });
        await toggle.ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await toggle.ClickAsync();
        await Expect(toggle).ToContainTextAsync("automatic");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light }); // the system turns light at dawn
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task RelativeTimesMoveOnWhileTheScreenStaysOpen()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var page = await ScreenProfile.All[2].NewPageAsync(Chromium, Node.Http.BaseAddress!, (await SignInAsync(ada.User.Email)).RefreshToken);
        await page.Clock.InstallAsync(new() { TimeDate = DateTime.UtcNow });
        await page.GotoAsync("/");
        await page.GetByLabel("What's happening on campus?").FillAsync("Library is open late tonight");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        var time = page.Locator(".post time.ago").First;
        await Expect(time).ToHaveTextAsync("now");
        await page.Clock.FastForwardAsync("05:00");
        await Expect(time).ToHaveTextAsync("5m");
        await Expect(time).ToHaveAttributeAsync("aria-label", "5 minutes ago");
    }

    [Fact]
    public async Task AConversationOpensAtTheFirstUnreadMessageGroupsBubblesAndOffersAWayBackToTheLatest()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var bo = await Node.RegisterVerifiedAsync();
        using var boHttp = Node.ClientFor(bo.AccessToken);
        var chat = (await (await boHttp.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { ada.User.Handle } })).Content.ReadFromJsonAsync<ConversationDto>())!;
        for (var i = 1; i <= 30; i++)
        {
            (await boHttp.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = $"Line {i} of my long story about the lab", clientMessageId = $"line-{i}" })).EnsureSuccessStatusCode();
            await Task.Delay(120); // within the 10 messages a second a student may send
        }

        var page = await ScreenProfile.All[2].NewPageAsync(Chromium, Node.Http.BaseAddress!, (await SignInAsync(ada.User.Email)).RefreshToken);
        await page.GotoAsync($"/chat/{chat.Id}");
        // All 30 were unread: the marker is above the first, in view; one day, one sender, one group.
        var marker = page.Locator(".unread-marker");
        await Expect(marker).ToHaveTextAsync("New messages");
        await Expect(marker).ToBeInViewportAsync();
        await Expect(page.Locator(".day-separator")).ToHaveTextAsync(["Today"]);
        await Expect(page.Locator(".messages > li")).ToHaveCountAsync(30);
        await Expect(page.Locator(".messages > li.group-start")).ToHaveCountAsync(1);
        await Expect(page.Locator(".messages > li.group-end")).ToHaveCountAsync(1);

        // Reading higher up, a new message does not pull the reader down: the button counts it.
        await page.Locator(".chat-scroll").EvaluateAsync("scroller => scroller.scrollTo(0, 0)");
        (await boHttp.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = "And one more thing", clientMessageId = "line-31" })).EnsureSuccessStatusCode();
        var latest = page.GetByRole(AriaRole.Button, new() { Name = "Scroll to the latest message, 1 new" });
        await Expect(latest).ToBeVisibleAsync();
        await Expect(page.Locator(".messages > li").Last).Not.ToBeInViewportAsync();
        await Browser.ScreenshotAsync(page, "conversation-scroll-to-latest");
        await latest.ClickAsync();
        await Expect(page.Locator(".messages > li").Last).ToBeInViewportAsync();
        await Expect(page.Locator(".scroll-latest")).ToBeHiddenAsync();
    }
}
