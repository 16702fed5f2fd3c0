using ChitLaq.Grains.Chat;
using ChitLaq.Grains.Media;

namespace ChitLaq.Silo.Media;

/// <summary>
/// GET /media/chat/{mediaId}/{full|feed}?exp=…&amp;sig=…: an image of a chat message, for whoever
/// holds a link a member's message view carried (see <see cref="ChatMediaLinks"/>). Anything else —
/// a guessed id, a forged or expired signature, a post's image — is 404, the same answer for all.
/// Cached privately by the browser until the link expires, never by a shared cache.
/// </summary>
public static class ChatMediaEndpoint
{
    public static IEndpointRouteBuilder MapChatMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ChatMediaLinks.UrlPrefix + "{mediaId}/{variant}", [HttpMethods.Get, HttpMethods.Head], Serve).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Serve(string mediaId, string variant, long? exp, string? sig, HttpContext context,
        ChatMediaLinks links, MediaTable table, IMediaStore store, TimeProvider clock, CancellationToken cancellation)
    {
        if (exp is not { } expires || sig is null || variant is not (ChatMediaLinks.Full or ChatMediaLinks.Feed) || !links.Verify(mediaId, variant, expires, sig))
            return TypedResults.NotFound();
        var row = await table.LoadAsync(mediaId);
        if (row is null || row.AttachedTo?.StartsWith("message:", StringComparison.Ordinal) != true || row.ReleasedAt is not null) return TypedResults.NotFound();
        var key = variant == ChatMediaLinks.Full ? row.FileKey : row.FeedKey;
        var stream = await store.OpenReadAsync(key, cancellation);
        if (stream is null) return TypedResults.NotFound();
        var seconds = Math.Max(0, expires - clock.GetUtcNow().ToUnixTimeSeconds());
        context.Response.Headers.CacheControl = $"private, max-age={seconds}";
        return TypedResults.Stream(stream, MediaKeys.ContentTypeOf(key), entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(MediaKeys.ETagOf(key)));
    }
}
