using System.Diagnostics;
using Npgsql;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>A host of a <see cref="NetworkLab"/>: a network namespace with its own address.</summary>
public sealed record LabHost(string Lab, string Name, string Address, string Subnet)
{
    public string Namespace => $"{Lab}-{Name}";
}

/// <summary>
/// Several "hosts" on this machine, each a Linux network namespace with its own address on one
/// private /24, joined by a switch (tests/netns/lab.sh), for tests of nodes that talk over a real
/// network that can fail: <see cref="CutAsync"/> drops frames silently in the switch, as a broken
/// link or a firewall does. This process reaches every host through its own port on the switch.
/// Everything the lab made (namespaces, links, the processes inside) goes on dispose.
/// </summary>
public sealed class NetworkLab : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, LabHost> _hosts;

    private NetworkLab(string name, Dictionary<string, LabHost> hosts, string directory)
    {
        Name = name;
        _hosts = hosts;
        _directory = directory;
    }

    public string Name { get; }
    public LabHost this[string host] => _hosts[host];
    /// <summary>A folder for the lab's own files (database, logs), deleted on dispose.</summary>
    public string Directory => _directory;

    public static async Task<NetworkLab> StartAsync(params string[] hosts)
    {
        var name = "cq" + Guid.NewGuid().ToString("N")[..4];
        var output = await Script("lab.sh", ["up", name, .. hosts]);
        var addresses = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ')).ToDictionary(parts => parts[0], parts => parts[1]);
        var gateway = addresses["gateway"];
        var subnet = gateway[..gateway.LastIndexOf('.')] + ".0/24";
        var directory = Path.Combine(Path.GetTempPath(), "chitlaq-lab-" + name);
        System.IO.Directory.CreateDirectory(directory);
        return new NetworkLab(name, hosts.ToDictionary(h => h, h => new LabHost(name, h, addresses[h], subnet)), directory);
    }

    /// <summary>Drops everything to and from <paramref name="host"/>, or only between it and <paramref name="peer"/>.</summary>
    public Task CutAsync(string host, string? peer = null) => Script("lab.sh", peer is null ? ["cut", Name, host] : ["cut", Name, host, peer]);

    public Task HealAsync(string host, string? peer = null) => Script("lab.sh", peer is null ? ["heal", Name, host] : ["heal", Name, host, peer]);

    /// <summary>A fresh PostgreSQL on <paramref name="host"/>:5432; returns a superuser connection string for database "chitlaq".</summary>
    public async Task<string> StartPostgresAsync(string host)
    {
        var password = Guid.NewGuid().ToString("N");
        await Script("services.sh", ["postgres", Name, host, Path.Combine(_directory, "postgres"), password]);
        var admin = new NpgsqlConnectionStringBuilder { Host = this[host].Address, Port = 5432, Username = "postgres", Password = password };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE chitlaq", connection);
            await create.ExecuteNonQueryAsync();
        }
        admin.Database = "chitlaq";
        admin.MaxPoolSize = 50;
        admin.Timeout = 5;   // as deploy/compose*.yaml: a database on the same network answers a connect in far less
        return admin.ConnectionString;
    }

    /// <summary>Redis on <paramref name="host"/>:6379; returns its address for StackExchange.Redis.</summary>
    public async Task<string> StartRedisAsync(string host)
    {
        await Script("services.sh", ["redis", Name, host, Path.Combine(_directory, "redis")]);
        return $"{this[host].Address}:6379";
    }

    /// <summary>Starts a long-running program inside <paramref name="host"/> (the pid is the program's own).</summary>
    public Process StartInside(string host, string program, params string[] arguments) =>
        Tools.Start("ip", ["netns", "exec", this[host].Namespace, program, .. arguments]);

    public async ValueTask DisposeAsync()
    {
        await Script("lab.sh", ["down", Name]);
        try { System.IO.Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Task<string> Script(string script, string[] arguments) =>
        Tools.RunAsync("bash", [Tools.InRepository("tests", "netns", script), .. arguments]);
}
