namespace ChitLaq.Tests.Infrastructure;

/// <summary>
/// One real node process (Kestrel, JSON logs, its own database) shared by a test class: for what
/// the in-memory test server does not do, such as enforcing body limits on the wire or writing logs.
/// </summary>
public class NodeProcessFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public SiloProcess Node { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Node = SiloProcess.Start(Database.ConnectionString, "", "node-" + Guid.NewGuid().ToString("N")[..8], Settings);
        await Node.WaitUntilReadyAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
