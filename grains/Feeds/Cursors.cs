using System.Text;

namespace ChitLaq.Grains.Feeds;

/// <summary>
/// Opaque list cursors: the position after which the next page starts (an id, or a time and an id),
/// base64url-encoded so clients treat it as a token. Positions are immutable ids, so a cursor
/// stays valid — no duplicates, no gaps — while new items arrive at the head.
/// </summary>
public static class Cursors
{
    public static string Encode(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position, or null for a missing or malformed cursor (which then means "from the start").</summary>
    public static string? Decode(string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor) || cursor.Length > 200) return null;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.All(c => c is >= ' ' and <= '~') ? text : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string EncodeTimeAndId(DateTimeOffset at, string id) => Encode($"{at.UtcTicks}:{id}");

    public static (DateTimeOffset At, string Id)? DecodeTimeAndId(string? cursor)
    {
        var text = Decode(cursor);
        var colon = text?.IndexOf(':') ?? -1;
        if (text is null || colon <= 0 || !long.TryParse(text[..colon], out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
        return (new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
    }
}
