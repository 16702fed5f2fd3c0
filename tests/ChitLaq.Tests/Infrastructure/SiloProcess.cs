using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// A real ChitLaq node as a separate OS process (the built silo executable), as operators run it:
/// for tests of clustering, graceful shutdown and failover that need more than one process.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly string _clusterId;

    private SiloProcess(Process process, string address, int httpPort, int siloPort, string clusterId)
    {
        _clusterId = clusterId;
        _process = process;
        HttpPort = httpPort;
        SiloPort = siloPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://{address}:{httpPort}") };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int HttpPort { get; }
    public int SiloPort { get; }
    public HttpClient Http { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public int ProcessId => _process.Id;

    /// <summary>Starts a node; <paramref name="settings"/> are extra environment variables (<c>Section__Key</c>).</summary>
    /// <param name="host">A host of a <see cref="NetworkLab"/> to run on (its own network namespace and address, the
    /// ports a real host would use); null runs on this machine's loopback with free ports.</param>
    public static SiloProcess Start(string postgres, string redis, string clusterId, IReadOnlyDictionary<string, string>? settings = null,
        int? httpPort = null, LabHost? host = null)
    {
        // A restarted node can take its predecessor's HTTP port, so clients find it where they were.
        var address = host?.Address ?? "127.0.0.1";
        var port = host is null ? httpPort ?? FreePorts.Next() : 8080;
        var siloPort = host is null ? FreePorts.Next() : 11111;
        var info = new ProcessStartInfo(host is null ? "dotnet" : "ip")
        {
            WorkingDirectory = Path.GetDirectoryName(SiloExecutable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ConnectionStrings__Postgres"] = postgres,
                ["ConnectionStrings__Redis"] = redis,
                ["Orleans__ClusterId"] = clusterId,
                ["Orleans__ServiceId"] = clusterId,
                ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(),
                ["Orleans__Endpoints__GatewayPort"] = (host is null ? FreePorts.Next() : 30000).ToString(),
                ["Logging__LogLevel__Default"] = "Warning",
                ["Auth__SigningKey"] = ChitLaqAppFactory.SigningKey,
                ["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), "chitlaq-test-mail", clusterId),
                ["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), "chitlaq-test-search", clusterId + "-" + siloPort),
                // Shared by the nodes of one cluster, as nodes on one host share the folder.
                ["Media__Path"] = Path.Combine(Path.GetTempPath(), "chitlaq-test-media", clusterId),
                ["Accounts__ExportPath"] = Path.Combine(Path.GetTempPath(), "chitlaq-test-exports", clusterId),
            },
        };
        // Tests drive many requests from one address; the limits have tests of their own
        // (which pass their own RateLimits__* settings, applied after these).
        foreach (var (key, value) in ChitLaqAppFactory.TestRateLimits)
            info.Environment[key.Replace(":", "__")] = value;
        if (host is null)
        {
            info.ArgumentList.Add(SiloExecutable);
        }
        else
        {
            foreach (var argument in (string[])["netns", "exec", host.Namespace, "dotnet", SiloExecutable]) info.ArgumentList.Add(argument);
            info.Environment["Orleans__Endpoints__AdvertisedIPAddress"] = host.Address;
            // X-Forwarded-For is believed from the lab's proxy, as from the compose network.
            info.Environment["ForwardedHeaders__KnownNetworks__0"] = host.Subnet;
            info.Environment["Search__IndexPath"] = Path.Combine(Path.GetTempPath(), "chitlaq-test-search", clusterId + "-" + host.Name);
        }
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://{address}:{port}");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        return new SiloProcess(Process.Start(info)!, address, port, siloPort, clusterId);
    }

    public async Task WaitUntilReadyAsync() =>
        await Eventually.Satisfies(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"node exited with {_process.ExitCode}:\n{Output}");
            return (await Http.GetAsync("/health/ready")).StatusCode;
        }, status => status == HttpStatusCode.OK, $"node on port {HttpPort} is ready", TimeSpan.FromSeconds(90));

    /// <summary>Sends SIGTERM, as systemd, Docker and Ctrl-C do, and waits for the process to end.</summary>
    public async Task<int> StopGracefullyAsync()
    {
        if (!_process.HasExited && Kill(_process.Id, Sigterm) != 0)
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash or an OOM kill would.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>A client of this node that sends the access token on every request.</summary>
    public HttpClient ClientFor(string accessToken)
    {
        var client = new HttpClient { BaseAddress = Http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public string MailDirectory => Path.Combine(Path.GetTempPath(), "chitlaq-test-mail", _clusterId);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private const int Sigterm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>The silo built by the same configuration as this test assembly.</summary>
    private static string SiloExecutable { get; } = FindSiloExecutable();

    private static string FindSiloExecutable()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var path = Path.Combine(Tools.RepositoryRoot, "silo", "bin", configuration, "net10.0", "ChitLaq.Silo.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"Build the solution first: {path} is missing.");
    }
}
