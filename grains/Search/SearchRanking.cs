using System.Globalization;
using ChitLaq.Grains.Feeds;

namespace ChitLaq.Grains.Search;

/// <summary>
/// One hit as ranked for a page: its final score, a tie-breaker (creation time), its id. Later
/// pages are cut from the same index point in time when this node still holds it (see
/// <see cref="SearchIndex"/>), continuing after the previous page's last hit by this key; post
/// pages also keep the "now" that recency was measured against. On another node, or after ten
/// minutes, the newest index is used with the same key — close, but scores may have moved.
/// </summary>
public readonly record struct RankedHit(string Id, string OwnerId, double Score, long Created)
{
    public bool ComesAfter(Cursor cursor) =>
        Score < cursor.Score || (Score == cursor.Score && (Created < cursor.Created || (Created == cursor.Created && string.CompareOrdinal(Id, cursor.Id) < 0)));

    public static IOrderedEnumerable<RankedHit> Order(IEnumerable<RankedHit> hits) =>
        hits.OrderByDescending(h => h.Score).ThenByDescending(h => h.Created).ThenByDescending(h => h.Id, StringComparer.Ordinal);
}

/// <summary>Where the next page starts: after this hit, in the ranking of index point-in-time <see cref="Version"/> as of <see cref="Now"/>.</summary>
public sealed record Cursor(double Score, long Created, string Id, long Now, long Version)
{
    public string Encode() => Cursors.Encode(string.Join('|', Score.ToString("R", CultureInfo.InvariantCulture), Created, Now, Version, Id));

    public static Cursor? Decode(string? value)
    {
        var parts = Cursors.Decode(value)?.Split('|', 5);
        return parts is { Length: 5 }
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var score)
            && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var created)
            && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var now)
            && long.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var version)
            ? new Cursor(score, created, parts[4], now, version) : null;
    }

    public static Cursor After(RankedHit hit, long now, long version) => new(hit.Score, hit.Created, hit.Id, now, version);
}
