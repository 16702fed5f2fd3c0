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
        var page = await browser.NewPageAsync(node, Phone, Scheme, withoutServiceWorker);
        if (refreshToken is not null) await Browser.KeepSessionAsync(page, refreshToken);
        return page;
    }
}
