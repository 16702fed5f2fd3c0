using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChitLaq.Grains.Abstractions.Media;

namespace ChitLaq.Grains.Chat;

/// <summary>
/// Images in chats are not public: the content-addressed <c>/media/{hash}</c> URL of a post image
/// is never shown for them. A member gets signed links that expire
/// (<c>/media/chat/{mediaId}/{full|feed}?exp=…&amp;sig=…</c>, HMAC-SHA256 with a key derived from the
/// token signing key), minted only into message views, which only members receive. A non-member
/// cannot list them and cannot make one; someone who leaves a group keeps a link for a day at most.
/// Links stay the same for a whole UTC day, so browsers cache an image once a day.
/// </summary>
public sealed class ChatMediaLinks(byte[] signingKey, TimeProvider clock)
{
    public const string UrlPrefix = "/media/chat/";
    public const string Full = "full";
    public const string Feed = "feed";

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey, 32, info: Encoding.UTF8.GetBytes("chitlaq chat media links"));

    /// <summary>The image with its URLs replaced by private links.</summary>
    public MediaInfo Private(MediaInfo media)
    {
        // Valid until the end of the next UTC day: between one and two days.
        var expires = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(2).ToUnixTimeSeconds();
        return media with { Url = Link(media.Id, Full, expires), FeedUrl = Link(media.Id, Feed, expires) };
    }

    /// <summary>Whether a link is one of ours and not expired; when it expires.</summary>
    public bool Verify(string mediaId, string variant, long expires, string signature) =>
        expires > clock.GetUtcNow().ToUnixTimeSeconds()
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(mediaId, variant, expires)), Encoding.ASCII.GetBytes(signature));

    private string Link(string mediaId, string variant, long expires) =>
        $"{UrlPrefix}{mediaId}/{variant}?exp={expires.ToString(CultureInfo.InvariantCulture)}&sig={Sign(mediaId, variant, expires)}";

    private string Sign(string mediaId, string variant, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{mediaId}\n{variant}\n{expires}")));
}
