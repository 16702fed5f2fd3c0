using Microsoft.Playwright;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// One way of looking at the web client: a phone or a desktop window, with the system set to light
/// or dark (the client follows the system unless the student picks a theme).
/// </summary>
public sealed record ScreenProfile(string Name, bool Phone, ColorScheme Scheme)
{
    public static IReadOnlyList<ScreenProfile> All { get; } =
    [
        new("phone-light", true, ColorScheme.Light),
        new("phone-dark", true, ColorScheme.Dark),
        new("desktop-light", false, ColorScheme.Light),
        new("desktop-dark", false, ColorScheme.Dark),
    ];

    public string Theme => Scheme == ColorScheme.Dark ? "dark" : "light";

    /// <summary>A fresh browser profile of this shape on the node; signed in when a refresh token is given.</summary>
    public async Task<IPage> NewPageAsync(Browser browser, Uri node, string? refreshToken = null, bool withoutServiceWorker = false)
    {
        var context = await browser.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = node.ToString(),
            ViewportSize = Phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = Scheme,
            // A first visit's cost: nothing served from the service worker's cache.
            ServiceWorkers = withoutServiceWorker ? ServiceWorkerPolicy.Block : ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (refreshToken is not null)
        {
            await page.GotoAsync("/signin");
            await page.EvaluateAsync("token => localStorage.setItem('chitlaq.refreshToken', token)", refreshToken);
        }
        return page;
    }
}
