using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ChitLaq.Silo.WebClient;

/// <summary>
/// Serves the web client (built from api/web into api/wwwroot and copied beside the silo) at /.
/// Hashed files under /assets are immutable for a year; index.html is revalidated every time, so a
/// new build reaches browsers at once. Pages get a Content-Security-Policy that allows only this
/// origin (scripts, styles, the API and the hub's WebSocket) plus data:/blob: images for previews.
/// Client paths (/chat/…, /u/…, the emailed /verify-email?token=… links) fall back to index.html;
/// the API, hub, media, health and metrics paths never do (an unknown API path stays a 404 problem).
/// The fallback is a middleware that runs only when routing found no endpoint, not a catch-all
/// route: a catch-all GET route is a path candidate for every URL, so routing's method check
/// answered 405 to a POST to an unknown API path before the route's path constraint could say no.
/// </summary>
public static class WebClientSetup
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // Not the server's own prefixes, and nothing that looks like a file (a missing /assets/x.js
    // must stay a 404, not become the page).
    private static readonly System.Text.RegularExpressions.Regex ClientPath = new(
        "^/(?!(api|hubs|media|health|metrics|openapi|dashboard|docs|assets)(/|$))[^.]*$",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static WebApplication UseChitLaqWebClient(this WebApplication app)
    {
        var root = app.Configuration["WebClient:Path"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "webclient");
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No web client at {Path} (build it with `npm run build` in api/web); serving the API only", root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => Prepare(context.Context, context.File.Name),
        });
        async Task Index(HttpContext context)
        {
            Prepare(context, "index.html");
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }
        // Runs after routing: only requests that matched no endpoint (and no static file) get here.
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is null && IsClientPage(context.Request))
                await Index(context);
            else
                await next(context);
        });
        return app;
    }

    private static bool IsClientPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && ClientPath.IsMatch(request.Path.Value ?? "/");

    private static void Prepare(HttpContext context, string fileName)
    {
        var headers = context.Response.Headers;
        if (context.Request.Path.StartsWithSegments("/assets"))
            headers.CacheControl = "public, max-age=31536000, immutable"; // names carry a content hash
        else
            headers.CacheControl = "no-cache";
        if (fileName.EndsWith(".html", StringComparison.Ordinal))
            headers.ContentSecurityPolicy = PagePolicy;
    }
}
