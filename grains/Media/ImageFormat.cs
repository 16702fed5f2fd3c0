namespace ChitLaq.Grains.Media;

/// <summary>The formats ChitLaq accepts and how each is recognised from its first bytes.</summary>
public sealed record ImageFormat(string Name, string ContentType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("jpeg", "image/jpeg", "jpg");
    public static readonly ImageFormat Png = new("png", "image/png", "png");
    public static readonly ImageFormat WebP = new("webp", "image/webp", "webp");
    public static readonly ImageFormat Gif = new("gif", "image/gif", "gif");

    /// <summary>The format the bytes really are — never the file name or the declared type, which a client chooses.</summary>
    public static ImageFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return Jpeg;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (bytes.Length >= 6 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8))) return Gif;
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return WebP;
        return null;
    }

    public static ImageFormat FromExtension(string extension) => extension switch
    {
        "jpg" => Jpeg,
        "png" => Png,
        "webp" => WebP,
        "gif" => Gif,
        _ => throw new ArgumentException($"No image format has the extension '{extension}'.", nameof(extension)),
    };
}
