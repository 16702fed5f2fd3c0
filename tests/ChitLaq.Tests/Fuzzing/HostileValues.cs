using System.Globalization;
using System.Text;
using CsCheck;

namespace ChitLaq.Tests.Fuzzing;

/// <summary>
/// Generators for the values a hostile or broken client sends: strings with NUL, lone
/// surrogates, control, RTL and zero-width characters, injection and query syntax, boundary and
/// over-long lengths; numbers at and past every integer limit; JSON of the wrong type or nested
/// far too deep; and the raw JSON text for all of it (escaped by hand, so lone surrogates travel
/// as <c>\ud800</c> exactly as a hostile client would write them).
/// </summary>
public static class HostileValues
{
    private static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "\ud800", "\udc00", "x\ud83dy", "\u202eevil", "\u200b\u200c\u200d\ufeff", "\u0007\u001b[31m",
        "\r\n", "\t", "\u007f", "\u0085", "\uffff", "\ufffe", "😀👩‍👩‍👧", "e\u0301\u0301\u0301", "مرحبا", "日本語",
        "'; DROP TABLE users;--", "\" OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "%s%n", "{{7*7}}",
        "#tag", "@mention", "from:", "from:nobody \"unclosed", "*:* AND (", "title:[a TO", "~", "\\", "\"", "null", "undefined",
        "-1", "0", "99999999999999999999", "NaN", "Infinity", "1e400", "after:5", "before:x", "after:-1", "a:b:c",
        "00000000-0000-0000-0000-000000000000", "$1", "@@", "__proto__", "constructor",
    ];

    /// <summary>Any string worth sending where text is expected.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOfConst(Nasty)),
        (2, Gen.Char.Array[0, 24].Select(chars => new string(chars))),                 // any UTF-16 unit, surrogates included
        (2, Gen.Char['a', 'z'].Array[1, 16].Select(chars => new string(chars))),       // plain words
        (1, Gen.Select(Gen.OneOfConst(Nasty), Gen.Int[2, 64]).Select((s, n) => string.Concat(Enumerable.Repeat(s, n)))),
        (1, Gen.OneOfConst(29, 30, 31, 50, 51, 100, 101, 500, 501, 4000, 4001, 10_001, 100_000).Select(n => new string('x', n))));

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2", "20", "100", "101", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "1.5", "-0.0", "1e308", "1e400", "-1e400", "123456789012345678901234567890",
    ];

    /// <summary>A JSON number at or past every limit (as JSON text).</summary>
    public static readonly Gen<string> NumberJson = Gen.Frequency(
        (3, Gen.OneOfConst(Numbers)),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))));

    /// <summary>A number-ish query or route value.</summary>
    public static readonly Gen<string> NumberText = Gen.Frequency((3, Gen.OneOfConst(Numbers)), (1, Text));

    /// <summary>JSON of a type nobody asked for (or nested past any parser's depth).</summary>
    public static readonly Gen<string> WrongJson = Gen.Frequency(
        (3, Gen.OneOfConst("null", "true", "false", "0", "[]", "{}", "\"\"", "[1,\"a\",{}]", "{\"a\":{\"b\":[null]}}", "\"\\u0000\"", "\"\\ud800\"")),
        (2, NumberJson),
        (2, Text.Select(String)),
        (1, Gen.Int[65, 10_000].Select(depth => new string('[', depth) + new string(']', depth))),
        (1, Gen.Int[65, 2_000].Select(depth => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))));

    /// <summary>A JSON string literal for <paramref name="value"/>; every control character and surrogate is escaped.</summary>
    public static string String(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') json.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c) || c == 0x7f) json.Append("\\u").Append(((int)c).ToString("x4"));
            else json.Append(c);
        }
        return json.Append('"').ToString();
    }

    /// <summary>For reports: every control character and surrogate shown as <c>\uXXXX</c> (a raw NUL cuts test output short).</summary>
    public static string Printable(string value)
    {
        var text = String(value);
        return text[1..^1];
    }

    /// <summary>Percent-encodes for a URL (UTF-8; a lone surrogate becomes U+FFFD, as any client library would send it).</summary>
    public static string Url(string value)
    {
        var bytes = new UTF8Encoding(false, false).GetBytes(value);
        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
                encoded.Append((char)b);
            else encoded.Append('%').Append(b.ToString("X2"));
        }
        return encoded.ToString();
    }

    /// <summary>Percent sequences no encoder makes: bad escapes, overlong and invalid UTF-8, encoded surrogates.</summary>
    public static readonly Gen<string> RawUrlJunk = Gen.OneOfConst("%", "%G0", "%ED%A0%80", "%C0%AE", "%FF%FE", "%00", "%E0%A4", "a%2Fb", "%25%32%65");
}
