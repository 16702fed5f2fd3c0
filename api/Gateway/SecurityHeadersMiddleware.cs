namespace ChitLaq.Api.Gateway;

/// <summary>
/// Headers every response carries: no MIME sniffing, no referrer leaking ids in URLs to other
/// sites, never framed (clickjacking). API responses also get a Content-Security-Policy that
/// allows nothing, so a JSON body opened in a browser can never run as a page; pages served by
/// a node (the web client) set their own policy, which this middleware leaves alone.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string PagePolicyFallback = "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = IsApi(http.Request.Path) ? ApiPolicy : PagePolicyFallback;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments(ApiSetup.BasePath) || path.StartsWithSegments("/hubs")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/media");
}
