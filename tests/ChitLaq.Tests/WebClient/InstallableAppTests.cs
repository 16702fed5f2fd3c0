using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChitLaq.Api.Auth;
using ChitLaq.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChitLaq.Tests.WebClient;

/// <summary>
/// The installable app in headless Chromium against a real node: Chromium finds it installable
/// (manifest, icons, service worker controlling the page); a push the server sent through the
/// local push service, delivered to the service worker, shows a notification that opens the
/// conversation; with the node gone, a reload shows the last-seen feed and conversations, marked
/// offline. Slow: a node process, the push service and a browser.
/// </summary>
[Trait("Category", "Slow")]
public sealed class InstallableAppTests() : BrowserNodeTest("pwa", Settings)
{
    private static readonly Dictionary<string, string> Settings = new() { ["Push__AllowInsecureEndpoints"] = "true" };

    [Fact]
    public async Task TheAppIsInstallableShowsPushesAndKeepsTheLastSeenViewsOffline()
    {
        var ada = await Node.RegisterVerifiedAsync();
        var bo = await Node.RegisterVerifiedAsync();
        using var adaHttp = Node.ClientFor(ada.AccessToken);
        using var boHttp = Node.ClientFor(bo.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await adaHttp.PostAsync($"/api/v1/users/{bo.User.Handle}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await boHttp.PostAsJsonAsync("/api/v1/posts", new { text = "Library closes at 10 tonight" })).StatusCode);
        var chat = await (await boHttp.PostAsJsonAsync("/api/v1/conversations", new { memberHandles = new[] { ada.User.Handle } })).Content.ReadFromJsonAsync<JsonElement>();
        var chatId = chat.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await boHttp.PostAsJsonAsync($"/api/v1/conversations/{chatId}/messages",
            new { text = "Notes are in the shared folder", clientMessageId = "m1" })).StatusCode);

        var page = await Chromium.NewSignedInPageAsync(Node.Http.BaseAddress!, (await SignInAsync(ada.User.Email)).RefreshToken);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.controller !== null"), "the service worker controls the page");
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var installability = await cdp.SendAsync("Page.getInstallabilityErrors");
        // Playwright's browser contexts are incognito, which Chromium never installs from; every other criterion must hold.
        var errors = installability!.Value.GetProperty("installabilityErrors").EnumerateArray()
            .Select(e => e.GetProperty("errorId").GetString()).Where(id => id != "in-incognito").ToList();
        Assert.True(errors.Count == 0, installability.Value.ToString());
        var manifest = await cdp.SendAsync("Page.getAppManifest");
        Assert.Equal(0, manifest!.Value.GetProperty("errors").GetArrayLength());
        Assert.EndsWith("/manifest.webmanifest", manifest.Value.GetProperty("url").GetString());

        // Ada reads her feed and the conversation: the service worker keeps them.
        await Expect(page.Locator(".post").First).ToContainTextAsync("Library closes at 10 tonight");
        await page.GotoAsync("/chat");
        await Expect(page.Locator(".conversation").First).ToBeVisibleAsync();
        await page.GotoAsync($"/chat/{chatId}");
        await Expect(page.Locator(".messages li").First).ToContainTextAsync("Notes are in the shared folder");

        // A push: Ada's device is registered at the push service; she closes the tab, Bo writes.
        var key = (await Node.Http.GetFromJsonAsync<JsonElement>("/api/v1/push/key")).GetProperty("publicKey").GetString()!;
        var device = await TestPushService.SubscribeAsync(key);
        Assert.Equal(HttpStatusCode.Created, (await adaHttp.PostAsJsonAsync("/api/v1/push/subscriptions",
            new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh, auth = device.Auth } })).StatusCode);
        await page.GotoAsync("about:blank");
        await Eventually.Satisfies(async () => (await boHttp.GetStringAsync($"/api/v1/presence?handles={ada.User.Handle}")).Contains("\"offline\""),
            offline => offline, "ada shows offline");
        Assert.Equal(HttpStatusCode.Created, (await boHttp.PostAsJsonAsync($"/api/v1/conversations/{chatId}/messages",
            new { text = "Are you coming tonight?", clientMessageId = "m2" })).StatusCode);
        var pushed = (await Eventually.Satisfies(() => TestPushService.MessagesAsync(device), m => m.Count == 1, "the push service got the push",
            TimeSpan.FromSeconds(20)))[0];

        // The push service's delivery to the browser is stood in for by DevTools, with the decrypted payload.
        await page.GotoAsync("/settings");
        var registrations = new List<JsonElement>();
        cdp = await page.Context.NewCDPSessionAsync(page);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) => { if (e is { } payload) lock (registrations) registrations.Add(payload); };
        await cdp.SendAsync("ServiceWorker.enable");
        var registration = await Eventually.Satisfies(() => Task.FromResult(FirstRegistration(registrations)), r => r is not null, "the registration is reported");
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = Node.Http.BaseAddress!.GetLeftPart(UriPartial.Authority),
            ["registrationId"] = registration!,
            ["data"] = pushed.GetRawText(),
        });
        var shown = await Eventually.Satisfies(() => page.EvaluateAsync<string[]>(
            "async () => (await (await navigator.serviceWorker.ready).getNotifications()).map(n => `${n.title}|${n.body}|${n.data.url}`)"),
            n => n.Length == 1, "the notification is shown");
        Assert.Equal($"{bo.User.DisplayName}|Are you coming tonight?|/chat/{chatId}", shown[0]);

        // Ada taps it. Headless Chromium has no notification to tap, so the tap the operating system
        // would give the service worker is dispatched there with the notification it is showing.
        await ServiceWorkerConsole.EvaluateAsync(Chromium.Chromium, """
            (async () => {
              const [shown] = await self.registration.getNotifications();
              try { self.dispatchEvent(new NotificationEvent("notificationclick", { notification: shown })); }
              catch { /* a script-made event refuses waitUntil once its handler has begun; the handler has run */ }
            })()
            """);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/chat/{chatId}$"));
        await Expect(page.Locator(".messages li").Last).ToContainTextAsync("Are you coming tonight?");
        await Eventually.Satisfies(() => page.EvaluateAsync<int>("async () => (await (await navigator.serviceWorker.ready).getNotifications()).length"),
            n => n == 0, "the tapped notification is closed");

        // The node goes away: a reload shows what Ada saw last, marked offline.
        await Node.KillAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator(".stale-notice")).ToBeVisibleAsync();
        await Expect(page.Locator(".post").First).ToContainTextAsync("Library closes at 10 tonight");
        await page.GetByRole(AriaRole.Link, new() { Name = "Chat" }).ClickAsync();
        await Expect(page.Locator(".conversation").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "offline-conversations");

        // Ada answers while the node is still gone: the message waits, survives a reload, and goes out once when the node is back.
        await page.GotoAsync($"/chat/{chatId}");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Sorry, I was offline");
        await page.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Expect(page.Locator(".messages li.pending")).ToContainTextAsync("Waiting to send");
        await page.ReloadAsync();
        await Expect(page.Locator(".messages li.pending")).ToContainTextAsync("Sorry, I was offline");
        await RestartNodeAsync();
        await Expect(page.Locator(".messages li.pending")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(page.Locator(".messages li.mine", new() { HasText = "Sorry, I was offline" })).ToHaveCountAsync(1);
        using var boAgain = Node.ClientFor((await SignInAsync(bo.User.Email)).AccessToken);
        var history = await boAgain.GetFromJsonAsync<JsonElement>($"/api/v1/conversations/{chatId}/messages?limit=100");
        Assert.Single(history.GetProperty("items").EnumerateArray(), m => m.GetProperty("text").GetString() == "Sorry, I was offline");
    }

    private static string? FirstRegistration(List<JsonElement> events)
    {
        lock (events)
            return events.SelectMany(e => e.GetProperty("registrations").EnumerateArray())
                .Where(r => r.GetProperty("scopeURL").GetString()!.EndsWith('/') && !r.GetProperty("isDeleted").GetBoolean())
                .Select(r => r.GetProperty("registrationId").GetString()).FirstOrDefault();
    }

}
