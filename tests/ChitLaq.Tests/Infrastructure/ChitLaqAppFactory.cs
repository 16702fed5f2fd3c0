using ChitLaq.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// The real ChitLaq process (co-hosted silo + API) in memory, on a real PostgreSQL database,
/// with its own silo and gateway ports so several can run at once.
/// </summary>
public sealed class ChitLaqAppFactory(string postgresConnectionString, string? redisConnectionString = null) : WebApplicationFactory<Program>
{
    private readonly List<IApiModule> _modules = [];

    /// <summary>Shared by every test host and node process, so a token from one is valid on all.</summary>
    public const string SigningKey = "test-signing-key-with-at-least-32-bytes-of-entropy!";
    public const string UniversityDomain = "campus.edu";

    private readonly Dictionary<string, string?> _settings = new();

    public int SiloPort { get; } = FreePorts.Next();

    /// <summary>Where this host writes emails (.eml files), unique per host.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "chitlaq-test-mail", Guid.NewGuid().ToString("N"));

    /// <summary>This host's search index folder, unique per host unless set with <c>WithSetting("Search:IndexPath", …)</c>.</summary>
    public string SearchIndexPath => _settings.TryGetValue("Search:IndexPath", out var path) && path is not null ? path : _defaultIndexPath;

    private readonly string _defaultIndexPath = Path.Combine(Path.GetTempPath(), "chitlaq-test-search", Guid.NewGuid().ToString("N"));

    /// <summary>This host's media folder (uploaded images), unique per host.</summary>
    public string MediaPath { get; } = Path.Combine(Path.GetTempPath(), "chitlaq-test-media", Guid.NewGuid().ToString("N"));

    /// <summary>This host's data export archives, unique per host.</summary>
    public string ExportPath { get; } = Path.Combine(Path.GetTempPath(), "chitlaq-test-exports", Guid.NewGuid().ToString("N"));

    private TimeProvider? _clock;
    private ICollection<System.Diagnostics.Activity>? _spans;

    /// <summary>Every finished span of this host is added to <paramref name="spans"/> (in-memory exporter).</summary>
    public ChitLaqAppFactory WithSpansIn(ICollection<System.Diagnostics.Activity> spans)
    {
        _spans = spans;
        return this;
    }

    /// <summary>Replaces the clock of the whole host (grains included).</summary>
    public ChitLaqAppFactory WithClock(TimeProvider clock)
    {
        _clock = clock;
        return this;
    }

    /// <summary>Limits high enough that no other test meets them (as settings; node processes get them as environment variables).</summary>
    public static readonly IReadOnlyDictionary<string, string> TestRateLimits = new Dictionary<string, string>
    {
        ["RateLimits:Anonymous:PermitLimit"] = "1000000",
        ["RateLimits:User:PermitLimit"] = "1000000",
        ["RateLimits:Registration:PermitLimit"] = "1000000",
        ["RateLimits:EmailTokens:PermitLimit"] = "1000000",
        ["RateLimits:PasswordResetMail:PermitLimit"] = "1000000",
        ["RateLimits:SignInFailures:PermitLimit"] = "1000000",
    };

    private bool _shippedRateLimits;

    /// <summary>Keeps the limits as shipped (appsettings and the options' defaults) instead of the test ones.</summary>
    public ChitLaqAppFactory WithShippedRateLimits()
    {
        _shippedRateLimits = true;
        return this;
    }

    /// <summary>Overrides one configuration value for this host (before it starts).</summary>
    public ChitLaqAppFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }
    public int GatewayPort { get; } = FreePorts.Next();

    /// <summary>Adds endpoints under /api/v1 for a test (e.g. to exercise the error pipeline).</summary>
    public ChitLaqAppFactory WithModule(IApiModule module)
    {
        _modules.Add(module);
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Adds or replaces services of the test host (after the app's own registrations).</summary>
    public ChitLaqAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", postgresConnectionString);
        builder.UseSetting("ConnectionStrings:Redis", redisConnectionString ?? "");
        builder.UseSetting("Orleans:Endpoints:SiloPort", SiloPort.ToString());
        builder.UseSetting("Orleans:Endpoints:GatewayPort", GatewayPort.ToString());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Auth:AllowedEmailDomains:0", UniversityDomain);
        builder.UseSetting("Auth:AllowedEmailDomains:1", "example.edu");
        builder.UseSetting("Auth:AllowedEmailDomains:2", "students.example.ac.uk");
        builder.UseSetting("Email:PickupDirectory", MailDirectory);
        // Tests drive many requests from one (absent) address; the limits have tests of their own,
        // which keep the shipped defaults with WithShippedRateLimits().
        if (!_shippedRateLimits)
            foreach (var (key, value) in TestRateLimits) builder.UseSetting(key, value);
        builder.UseSetting("Search:IndexPath", _defaultIndexPath);
        builder.UseSetting("Media:Path", MediaPath);
        builder.UseSetting("Accounts:ExportPath", ExportPath);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        // Spans are recorded only when something takes them (here the in-memory exporter below).
        if (_spans is not null) builder.UseSetting("Telemetry:Traces", "true");
        builder.ConfigureTestServices(services =>
        {
            foreach (var module in _modules) services.AddSingleton(module);
            foreach (var configure in _services) configure(services);
            if (_clock is not null) services.AddSingleton(_clock);
            if (_spans is not null)
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        });
    }
}
