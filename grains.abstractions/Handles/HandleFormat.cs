using System.Text.RegularExpressions;

namespace ChitLaq.Grains.Abstractions.Handles;

/// <summary>
/// The shape of a handle as the public contract defines it: 3–30 characters of [a-z0-9_],
/// after trimming and lowercasing. It is the key format of <see cref="IHandleRegistryGrain"/>,
/// so callers normalise with it before addressing the grain.
/// </summary>
public static partial class HandleFormat
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    public static string Normalize(string handle) => handle.Trim().ToLowerInvariant();

    /// <summary>True when the already-normalised handle has the allowed shape.</summary>
    public static bool IsValid(string normalizedHandle) => AllowedShape().IsMatch(normalizedHandle);

    [GeneratedRegex("^[a-z0-9_]{3,30}$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedShape();
}
