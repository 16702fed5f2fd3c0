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
/// </summary>
public static class WebClientSetup
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    // Not the server's own prefixes, and nothing that looks like a file (static files are matched
    // only when no endpoint is; a fallback for /assets/x.js would shadow them).
    private const string ClientRoutes = "{*path:regex(^(?!(api|hubs|media|health|metrics|openapi|dashboard|docs|assets)(/|$))[^.]*$)}";

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
        app.MapGet("/", Index).ExcludeFromDescription();
        // GET/HEAD only: a fallback accepting every method would turn "wrong method" (405) on an
        // API route into a 404, since it stays a candidate until its path constraint says no.
        app.MapFallback(ClientRoutes, Index).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).ExcludeFromDescription();
        return app;
    }

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
