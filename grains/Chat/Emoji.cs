using System.Globalization;
using System.Text;

namespace ChitLaq.Grains.Chat;

/// <summary>What counts as a reaction: exactly one emoji grapheme (a ZWJ family, a flag and a skin tone are one each).</summary>
public static class Emoji
{
    private const int MaxLength = 32; // the longest sequences (families with skin tones) are about 15 UTF-16 units

    public static bool IsSingle(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || new StringInfo(text).LengthInTextElements != 1) return false;
        var first = text.EnumerateRunes().First();
        return Rune.GetUnicodeCategory(first) == UnicodeCategory.OtherSymbol
               || first.Value is >= 0x1F1E6 and <= 0x1F1FF // regional indicators: flags
               || (first.Value is '#' or '*' or (>= '0' and <= '9') && text.Contains('\u20E3')) // keycaps
               || (text.Contains('\uFE0F') && Rune.GetUnicodeCategory(first) is UnicodeCategory.MathSymbol or UnicodeCategory.OtherPunctuation);
    }
}
