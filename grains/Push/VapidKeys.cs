using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ChitLaq.Grains.Abstractions.Push;

namespace ChitLaq.Grains.Push;

/// <summary>
/// Resolves the VAPID keys: <c>Push:VapidPublicKey</c>/<c>Push:VapidPrivateKey</c> when set (required in
/// Production); otherwise a pair generated once and kept in <c>Push:KeyFile</c>, so browsers'
/// subscriptions (bound to the public key) stay valid across restarts.
/// </summary>
public static class VapidKeys
{
    private sealed record StoredKeys(string PublicKey, string PrivateKey);

    public static VapidKeyPair Resolve(IOptions<PushOptions> options, IHostEnvironment environment)
    {
        var push = options.Value;
        if (!string.IsNullOrEmpty(push.VapidPublicKey) && !string.IsNullOrEmpty(push.VapidPrivateKey))
            return new VapidKeyPair(push.VapidPublicKey, push.VapidPrivateKey, push.VapidSubject);
        if (environment.IsProduction())
            throw new InvalidOperationException("Push:VapidPublicKey and Push:VapidPrivateKey are required in Production (see README, Push notifications).");

        var path = Path.GetFullPath(push.KeyFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var generated = Generate();
            File.WriteAllText(path, JsonSerializer.Serialize(new StoredKeys(generated.PublicKey, generated.PrivateKey)));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(path))!;
        return new VapidKeyPair(stored.PublicKey, stored.PrivateKey, push.VapidSubject);
    }

    /// <summary>A new P-256 pair: the public key as an uncompressed point (0x04 ‖ X ‖ Y), the private key as its scalar.</summary>
    public static (string PublicKey, string PrivateKey) Generate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        var point = new byte[65];
        point[0] = 0x04;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return (Base64Url.EncodeToString(point), Base64Url.EncodeToString(parameters.D!));
    }
}
