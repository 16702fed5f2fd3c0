using Microsoft.Playwright;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, installed by the test command) driven by Playwright —
/// no browser is downloaded. Screenshots go to TestResults/screenshots in the repository.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static string ScreenshotDirectory { get; } = Tools.InRepository("TestResults", "screenshots");

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run the tests with ./deploy/local/test.sh (it installs Debian's chromium).");
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"], // as root in a container
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>A fresh browser profile (cookies, storage) on the node, phone-sized when asked.</summary>
    public Task<IPage> NewStudentPageAsync(Uri node, bool phone = false) => NewPageAsync(node, phone, ColorScheme.Light, withoutServiceWorker: false);

    /// <summary>
    /// A fresh browser profile: phone (390 × 844) or desktop (1280 × 900), the system in light or
    /// dark mode, and optionally without service workers (a first visit's cost, nothing cached).
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri node, bool phone, ColorScheme scheme, bool withoutServiceWorker)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = node.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = scheme,
            ServiceWorkers = withoutServiceWorker ? ServiceWorkerPolicy.Block : ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>A browser profile signed in the way the client keeps a session: the refresh token in local storage.</summary>
    public async Task<IPage> NewSignedInPageAsync(Uri node, string refreshToken)
    {
        var page = await NewStudentPageAsync(node);
        await KeepSessionAsync(page, refreshToken);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToContainTextAsync("Sign out");
        return page;
    }

    /// <summary>Stores the refresh token where the client keeps it (any page of the app sees it next time it loads).</summary>
    public static async Task KeepSessionAsync(IPage page, string refreshToken)
    {
        await page.GotoAsync("/signin");
        await page.EvaluateAsync("token => localStorage.setItem('chitlaq.refreshToken', token)", refreshToken);
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        _playwright.Dispose();
    }
}
