using System.Globalization;
using ChitLaq.Grains.Abstractions.Feeds;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// A timeline entry in 48 bytes: the three 128-bit ids as numbers instead of 32-character
/// strings, so an 800-entry timeline costs about 40 KB of memory. Numeric order of the post id
/// is its creation order.
/// </summary>
public readonly record struct CompactEntry(UInt128 PostId, UInt128 AuthorId, UInt128 OriginalAuthorId)
{
    public static CompactEntry From(TimelineEntry entry) =>
        new(Parse(entry.PostId), Parse(entry.AuthorId), entry.OriginalAuthorId is null ? UInt128.Zero : Parse(entry.OriginalAuthorId));

    public static UInt128 Parse(string hexId) => UInt128.Parse(hexId, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static string Format(UInt128 id) => id.ToString("x32", CultureInfo.InvariantCulture);

    public bool IsBy(UInt128 userId) => AuthorId == userId || OriginalAuthorId == userId;
}
