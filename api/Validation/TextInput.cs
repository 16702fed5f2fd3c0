namespace ChitLaq.Api.Validation;

/// <summary>
/// What no text field may carry, whatever the field: characters PostgreSQL cannot store (NUL),
/// other control characters that only hide or corrupt text (everything in C0/C1 and DEL except
/// tab, line feed and carriage return), lone UTF-16 surrogates, which are not text at all and
/// cannot be encoded as UTF-8, and Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and their
/// twins in every plane), which are reserved for internal use and make normalization throw. Field rules (lengths, formats) stay with the grains; this is
/// the floor every input is held to at the edge.
/// </summary>
public static class TextInput
{
    /// <returns>null when <paramref name="value"/> is acceptable text; otherwise why not.</returns>
    public static string? Problem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return "Contains an unpaired surrogate (not valid Unicode text).";
                if (IsNoncharacter(char.ConvertToUtf32(c, value[i + 1]))) return Noncharacter;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c)) return "Contains an unpaired surrogate (not valid Unicode text).";
            if (c == '\0') return "Contains a NUL character.";
            if (IsNoncharacter(c)) return Noncharacter;
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"Contains the control character U+{(int)c:X4}.";
        }
        return null;
    }

    private const string Noncharacter = "Contains a Unicode noncharacter.";

    private static bool IsNoncharacter(int codePoint) => codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
