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

    private LocalNginx(string directory, Process process, int httpPort, int httpsPort, X509Certificate2 certificate)
    {
        _directory = directory;
        _process = process;
        HttpPort = httpPort;
        HttpsPort = httpsPort;
        Certificate = certificate;
    }

    public int HttpPort { get; }
    public int HttpsPort { get; }
    public X509Certificate2 Certificate { get; }
    public Uri Address => new($"https://127.0.0.1:{HttpsPort}");

    public static async Task<LocalNginx> StartAsync(params int[] nodePorts)
    {
        var directory = Path.Combine(Path.GetTempPath(), "chitlaq-nginx-test", Guid.NewGuid().ToString("N"));
        int httpPort = FreePorts.Next(), httpsPort = FreePorts.Next();
        await Tools.RunAsync("bash", [Tools.InRepository("deploy", "nginx", "render-local.sh"), directory,
            httpPort.ToString(), httpsPort.ToString(), .. nodePorts.Select(p => $"127.0.0.1:{p}")]);
        var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "certs", "fullchain.pem"));
        var process = Tools.Start("nginx", "-c", Path.Combine(directory, "nginx.conf"), "-p", directory, "-g", "daemon off;");
        var nginx = new LocalNginx(directory, process, httpPort, httpsPort, certificate);
        using var probe = nginx.Client();
        await Eventually.Satisfies(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited with {process.ExitCode}");
            return (await probe.GetAsync("/health/live")).StatusCode;
        }, status => status == HttpStatusCode.OK, "nginx forwards to a node");
        return nginx;
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
