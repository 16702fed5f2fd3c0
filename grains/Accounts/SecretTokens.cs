using System.Security.Cryptography;
using System.Text;

namespace ChitLaq.Grains.Accounts;

/// <summary>256-bit random secrets (base64url) and the SHA-256 hashes that are stored instead of them.</summary>
public static class SecretTokens
{
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static string HashHex(string secret) => Convert.ToHexStringLower(Hash(secret));

    /// <summary>Constant-time comparison of a presented secret with a stored hex hash.</summary>
    public static bool Matches(string secret, string? storedHashHex) =>
        storedHashHex is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashHex(secret)), Encoding.ASCII.GetBytes(storedHashHex));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
