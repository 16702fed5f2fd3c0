using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// Debian's nginx running the shipped deploy/nginx config, rendered by render-local.sh for
/// loopback ports, a self-signed certificate and the given nodes as the upstream.
/// </summary>
public sealed class LocalNginx : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Process _process;

    private LocalNginx(string directory, Process process, string address, int httpPort, int httpsPort, X509Certificate2 certificate)
    {
        _directory = directory;
        _process = process;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        Certificate = certificate;
        Address = new Uri($"https://{address}:{httpsPort}");
    }

    public int HttpPort { get; }
    public int HttpsPort { get; }
    public X509Certificate2 Certificate { get; }
    public Uri Address { get; }

    public static Task<LocalNginx> StartAsync(params int[] nodePorts) =>
        StartAsync(null, nodePorts.Select(p => $"127.0.0.1:{p}").ToArray());

    /// <summary>nginx on a lab host (its own namespace and address, ports 80 and 443), in front of <paramref name="upstreams"/> (address:port).</summary>
    public static Task<LocalNginx> StartOnAsync(NetworkLab lab, string host, params string[] upstreams) =>
        StartAsync((lab, host), upstreams);

    private static async Task<LocalNginx> StartAsync((NetworkLab Lab, string Host)? on, string[] upstreams)
    {
        var directory = Path.Combine(Path.GetTempPath(), "chitlaq-nginx-test", Guid.NewGuid().ToString("N"));
        var address = on is { } o ? o.Lab[o.Host].Address : "127.0.0.1";
        int httpPort = on is null ? FreePorts.Next() : 80, httpsPort = on is null ? FreePorts.Next() : 443;
        await Tools.RunAsync("bash", [Tools.InRepository("deploy", "nginx", "render-local.sh"), directory,
            httpPort.ToString(), httpsPort.ToString(), .. upstreams], new Dictionary<string, string> { ["LISTEN_ADDRESS"] = address });
        // The access log goes to a file here (it goes to stdout in production, which these tests do not read).
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config))
            .Replace("access_log /dev/stdout chitlaq_json;", $"access_log {Path.Combine(directory, "access.log")} chitlaq_json;"));
        var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "certs", "fullchain.pem"));
        string[] arguments = ["-c", Path.Combine(directory, "nginx.conf"), "-p", directory, "-g", $"daemon off; error_log {Path.Combine(directory, "error.log")} warn;"];
        var process = on is { } lab ? lab.Lab.StartInside(lab.Host, "nginx", arguments) : Tools.Start("nginx", arguments);
        var nginx = new LocalNginx(directory, process, address, httpPort, httpsPort, certificate);
        using var probe = nginx.Client();
        await Eventually.Satisfies(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited with {process.ExitCode}");
            return (await probe.GetAsync("/health/live")).StatusCode;
        }, status => status == HttpStatusCode.OK, "nginx forwards to a node");
        return nginx;
    }

    /// <summary>The last lines nginx logged at warning level or above (upstream timeouts, failures).</summary>
    public string ErrorLogTail(int lines = 20)
    {
        var path = Path.Combine(_directory, "error.log");
        return File.Exists(path) ? string.Join("\n", File.ReadLines(path).TakeLast(lines)) : "";
    }

    /// <summary>nginx's access log so far, one JSON object per request.</summary>
    public IReadOnlyList<string> AccessLog()
    {
        var path = Path.Combine(_directory, "access.log");
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>An HTTPS client that trusts exactly this nginx's certificate and does not follow redirects.</summary>
    public HttpClient Client(string? accessToken = null)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == Certificate.GetCertHashString(),
        };
        var client = new HttpClient(handler) { BaseAddress = Address };
        if (accessToken is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
