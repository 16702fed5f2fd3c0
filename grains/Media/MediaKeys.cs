using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ChitLaq.Grains.Media;

/// <summary>File keys (<c>{sha256 hex}.{ext}</c>) and the URLs they are served at.</summary>
public static partial class MediaKeys
{
    public const string UrlPrefix = "/media/";

    public static string For(ReadOnlySpan<byte> bytes, ImageFormat format) =>
        Convert.ToHexStringLower(SHA256.HashData(bytes)) + "." + format.Extension;

    public static bool IsWellFormed(string key) => Pattern().IsMatch(key);

    /// <summary>The strong ETag of a file: its hash, which is its content.</summary>
    public static string ETagOf(string key) => "\"" + key[..64] + "\"";

    public static string UrlOf(string key) => UrlPrefix + key;

    public static string ContentTypeOf(string key) => ImageFormat.FromExtension(key[65..]).ContentType;

    [GeneratedRegex("^[0-9a-f]{64}\\.(jpg|png|webp)$")]
    private static partial Regex Pattern();
}
