using System.Net.Http.Json;
using ChitLaq.Api.Auth;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// The set-up of the web client's end-to-end tests: a fresh database, one real node process on it
/// (with the test's settings) and a headless Chromium; all stopped afterwards.
/// </summary>
public abstract class BrowserNodeTest(string clusterPrefix, IReadOnlyDictionary<string, string>? settings = null) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;
    protected SiloProcess Node { get; private set; } = null!;
    protected Browser Chromium { get; private set; } = null!;
    protected string ClusterId { get; } = clusterPrefix + "-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Node = SiloProcess.Start(Database.ConnectionString, "", ClusterId, settings);
        await Node.WaitUntilReadyAsync();
        Chromium = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Starts the node again on the same port and database (after the test stopped or killed it).</summary>
    protected async Task RestartNodeAsync()
    {
        var port = Node.HttpPort;
        await Node.DisposeAsync();
        Node = SiloProcess.Start(Database.ConnectionString, "", ClusterId, settings, httpPort: port);
        await Node.WaitUntilReadyAsync();
    }

    protected async Task<AuthResponse> SignInAsync(string email) =>
        (await (await Node.Http.LoginAsync(email)).Content.ReadFromJsonAsync<AuthResponse>())!;

    /// <summary>A browser signed in as the account (a session of its own, as a second device would have).</summary>
    protected async Task<Microsoft.Playwright.IPage> SignedInPageAsync(AuthResponse account) =>
        await Chromium.NewSignedInPageAsync(Node.Http.BaseAddress!, (await SignInAsync(account.User.Email)).RefreshToken);
}
