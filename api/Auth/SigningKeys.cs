using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ChitLaq.Api.Auth;

/// <summary>
/// The HMAC key for access tokens: <c>Auth:SigningKey</c> (at least 32 bytes). In Development,
/// when it is absent, one is generated once and kept in <c>Auth:SigningKeyFile</c>
/// (default <c>.data/signing-key</c>) so tokens survive restarts; elsewhere start-up fails.
/// </summary>
public static class SigningKeys
{
    public const int MinimumBytes = 32;

    /// <summary>
    /// Keys that were the signing key before a rotation (<c>Auth:PreviousSigningKeys:N</c>): tokens
    /// they signed are still accepted until they expire, so rotating the key signs nobody out.
    /// New tokens are always signed with <c>Auth:SigningKey</c>.
    /// </summary>
    public static IReadOnlyList<byte[]> Previous(IConfiguration configuration) =>
        (configuration.GetSection("Auth:PreviousSigningKeys").Get<string[]>() ?? [])
            .Where(key => !string.IsNullOrEmpty(key))
            .Select(key => Encoding.UTF8.GetBytes(key) is { Length: >= MinimumBytes } bytes
                ? bytes
                : throw new InvalidOperationException($"Every Auth:PreviousSigningKeys entry must be at least {MinimumBytes} bytes."))
            .ToList();

    public static byte[] Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Auth:SigningKey"];
        if (!string.IsNullOrEmpty(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            return bytes.Length >= MinimumBytes
                ? bytes
                : throw new InvalidOperationException($"Auth:SigningKey must be at least {MinimumBytes} bytes.");
        }
        if (!environment.IsDevelopment())
            throw new InvalidOperationException($"Auth:SigningKey is required outside Development (at least {MinimumBytes} bytes of secret).");

        var path = Path.GetFullPath(configuration["Auth:SigningKeyFile"] ?? Path.Combine(".data", "signing-key"));
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }
}
