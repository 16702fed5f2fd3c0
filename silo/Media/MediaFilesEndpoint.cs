using ChitLaq.Grains.Media;
using Microsoft.Net.Http.Headers;

namespace ChitLaq.Silo.Media;

/// <summary>
/// GET /media/{sha256}.{ext}: the stored image files of posts, avatars and fresh uploads (not those
/// only chat messages use), from any node (they share the store). A
/// URL's content never changes (it is named by its hash), so it is cached for a year, its ETag is
/// the hash (304 on If-None-Match), and browsers are told not to sniff another type into it.
/// </summary>
public static class MediaFilesEndpoint
{
    private const string CacheControl = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapMediaFiles(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(MediaKeys.UrlPrefix + "{key}", [HttpMethods.Get, HttpMethods.Head], Serve).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Serve(string key, HttpContext context, IMediaStore store, MediaTable table, CancellationToken cancellation)
    {
        if (!MediaKeys.IsWellFormed(key)) return TypedResults.NotFound();
        // Chat images are not public (see ChatMediaLinks): a file only chats use is not served here.
        if (!await table.IsPublicAsync(key, cancellation)) return TypedResults.NotFound();
        var etag = new EntityTagHeaderValue(MediaKeys.ETagOf(key));
        context.Response.Headers.CacheControl = CacheControl;
        // Answer a revalidation without touching the store.
        if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } known && known.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
        {
            context.Response.Headers.ETag = etag.ToString();
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        var stream = await store.OpenReadAsync(key, cancellation);
        if (stream is null)
        {
            context.Response.Headers.Remove("Cache-Control");
            return TypedResults.NotFound();
        }
        return TypedResults.Stream(stream, MediaKeys.ContentTypeOf(key), entityTag: etag, enableRangeProcessing: true);
    }
}
