using Microsoft.Extensions.DependencyInjection;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>One ChitLaq host on its own fresh PostgreSQL database, shared by a test class.</summary>
public class PostgresAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public ChitLaqAppFactory App { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    protected virtual ChitLaqAppFactory Configure(ChitLaqAppFactory app) => app;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        App = Configure(new ChitLaqAppFactory(Database.ConnectionString));
        Http = App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
