using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Api.Chat;
using ChitLaq.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// Every screen of the web client, with real content from a real node, at phone and desktop width
/// in the light and the dark theme: axe-core (WCAG 2.1 A and AA rules, colour contrast included)
/// finds no serious or critical violation on any of them, and a screenshot of each is written to
/// TestResults/screenshots/screens for review. Slow: a node process and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class EveryScreenTests(ITestOutputHelper output)
    : BrowserNodeTest("screens", new Dictionary<string, string> { ["Auth__AdminEmails__0"] = AdminEmail })
{
    private const string AdminEmail = "student.life@campus.edu";

    [Fact]
    public async Task EveryScreenAtPhoneAndDesktopWidthInBothThemesHasNoSeriousOrCriticalAccessibilityViolation()
    {
        var world = await CampusAsync();
        var signedIn = new (string Name, string Path)[]
        {
            ("home", "/"), ("explore", "/explore"), ("search-posts", "/search?q=%23finals&tab=posts"), ("search-people", $"/search?q={world.Bo.User.Handle}&tab=people"),
            ("search-empty", "/search"), ("profile-other", $"/u/{world.Bo.User.Handle}"), ("profile-own", $"/u/{world.Ada.User.Handle}"),
            ("notifications", "/notifications"), ("chat-list", "/chat"), ("conversation", $"/chat/{world.ConversationId}"),
            ("conversation-empty", $"/chat/{world.EmptyConversationId}"), ("bookmarks", "/bookmarks"), ("settings", "/settings"),
            ("your-data", "/settings/data"), ("follow-requests", "/follow-requests"), ("decisions", "/decisions"), ("moderation", "/moderation"),
        };
        var signedOut = new (string Name, string Path)[] { ("sign-in", "/signin"), ("sign-up", "/signup"), ("forgot-password", "/forgot-password"), ("check-your-email", "/verify-email") };

        // Two profiles at a time (each its own browser context and session): faster than one after
        // another, without crowding out the test classes that run beside this one on a 2-core box.
        var started = System.Diagnostics.Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(2);
        var perProfile = await Task.WhenAll(ScreenProfile.All.Select(async profile =>
        {
            await slots.WaitAsync();
            try { return await CheckProfileAsync(profile); } finally { slots.Release(); }
        }));
        async Task<List<string>> CheckProfileAsync(ScreenProfile profile)
        {
            var found = new List<string>();
            var ada = await profile.NewPageAsync(Chromium, Node.Http.BaseAddress!, (await SignInAsync(world.Ada.User.Email)).RefreshToken);
            foreach (var (name, path) in signedIn) found.AddRange(await CheckAsync(ada, profile, name, path));
            await ada.Context.CloseAsync();
            var visitor = await profile.NewPageAsync(Chromium, Node.Http.BaseAddress!);
            foreach (var (name, path) in signedOut) found.AddRange(await CheckAsync(visitor, profile, name, path));
            await visitor.Context.CloseAsync();
            return found;
        }
        var failures = perProfile.SelectMany(f => f).ToList();
        var checkedScreens = (signedIn.Length + signedOut.Length) * ScreenProfile.All.Count;
        output.WriteLine($"{checkedScreens} screens checked ({signedIn.Length + signedOut.Length} screens × {ScreenProfile.All.Count} profiles); {started.Elapsed.TotalSeconds:F0} s; screenshots in {Path.Combine(Browser.ScreenshotDirectory, "screens")}");
        Assert.True(failures.Count == 0, "Serious or critical accessibility violations:\n" + string.Join("\n", failures));
    }

    /// <summary>Opens the screen, waits until its content (not its skeletons) is there, screenshots it and runs axe.</summary>
    private async Task<IEnumerable<string>> CheckAsync(IPage page, ScreenProfile profile, string name, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("() => document.querySelector('main h1') && !document.querySelector('main .skeletons') && document.documentElement.dataset.theme");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", profile.Theme); // the client follows the system's theme
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.EvaluateAsync("() => Promise.all([...document.images].filter(i => !i.complete).map(i => new Promise(r => { i.onload = i.onerror = r; })))");
        await Browser.ScreenshotAsync(page, Path.Combine("screens", $"{name}-{profile.Name}"));
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var minor = result.Violations.Where(v => v.Impact is not ("serious" or "critical")).Select(v => $"{v.Id} ({v.Impact})").ToList();
        if (minor.Count > 0) output.WriteLine($"{name} {profile.Name}: minor or moderate: {string.Join(", ", minor)}");
        return result.Violations.Where(v => v.Impact is "serious" or "critical").SelectMany(v => v.Nodes.Take(3).Select(node =>
            $"{name} ({profile.Name}, {path}): {v.Id} [{v.Impact}] {v.Help} — {string.Join(" ", node.Target?.ToString())} — {string.Join("; ", (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? []).Select(check => check.Message))}"));
    }

    private sealed record Campus(AuthResponse Ada, AuthResponse Bo, AuthResponse Cy, string ConversationId, string EmptyConversationId);

    /// <summary>A small campus with something on every screen: follows, posts with tags and an image, a chat, a report.</summary>
    private async Task<Campus> CampusAsync()
    {
        var ada = await Node.Http.RegisterVerifiedAsync(Node.MailDirectory, Infrastructure.Accounts.NewHandle("ada"), AdminEmail);
        var bo = await Node.RegisterVerifiedAsync();
        var cy = await Node.RegisterVerifiedAsync();
        using var adaHttp = Node.ClientFor(ada.AccessToken);
        using var boHttp = Node.ClientFor(bo.AccessToken);
        using var cyHttp = Node.ClientFor(cy.AccessToken);
        await adaHttp.PatchAsJsonAsync("/api/v1/users/me", new { displayName = "Ada Lovelace", bio = "Maths, engines and too much coffee." });
        await boHttp.PatchAsJsonAsync("/api/v1/users/me", new { displayName = "Bo Chen", major = "Physics" });
        await cyHttp.PatchAsJsonAsync("/api/v1/users/me", new { displayName = "Cy Okafor" });
        foreach (var (http, handle) in new[] { (adaHttp, bo.User.Handle), (boHttp, ada.User.Handle), (cyHttp, ada.User.Handle), (cyHttp, bo.User.Handle) })
            Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync($"/api/v1/users/{handle}/follow", null)).StatusCode);

        using var upload = new MultipartFormDataContent();
        var image = new ByteArrayContent(TestImages.Jpeg(800, 600));
        image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        upload.Add(image, "file", "lab.jpg");
        var media = await (await boHttp.PostAsync("/api/v1/media", upload)).Content.ReadFromJsonAsync<MediaId>();
        var boPost = await (await boHttp.PostAsJsonAsync("/api/v1/posts", new { text = "Lab results are in! Study group for #finals at 6 in the library, bring snacks.", mediaIds = new[] { media!.Id } }))
            .Content.ReadFromJsonAsync<MediaId>();
        await adaHttp.PostAsJsonAsync("/api/v1/posts", new { text = $"Who else is presenting on Friday? @{bo.User.Handle} #finals" });
        await cyHttp.PostAsJsonAsync("/api/v1/posts", new { text = "The new coffee place by the engineering building is great." });
        await adaHttp.PostAsync($"/api/v1/posts/{boPost!.Id}/like", null);
        await adaHttp.PostAsync($"/api/v1/posts/{boPost.Id}/bookmark", null);
        await cyHttp.PostAsJsonAsync("/api/v1/reports", new { subject = new { kind = "post", id = boPost.Id }, category = "spam", comment = "Posted the same thing in every group." });

        var chat = (await (await adaHttp.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { bo.User.Handle } })).Content.ReadFromJsonAsync<ConversationDto>())!;
        var lines = new[] { (boHttp, "Are you coming to the study group?"), (adaHttp, "Yes! Can you bring the lab notes?"), (adaHttp, "And the charger please"), (boHttp, "Sure, see you at 6") };
        for (var i = 0; i < lines.Length; i++)
            await lines[i].Item1.PostAsJsonAsync($"/api/v1/conversations/{chat.Id}/messages", new { text = lines[i].Item2, clientMessageId = $"m{i}" });
        var quiet = (await (await adaHttp.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { cy.User.Handle } })).Content.ReadFromJsonAsync<ConversationDto>())!;
        return new Campus(ada, bo, cy, chat.Id, quiet.Id);
    }

    private sealed record MediaId(string Id);
}
