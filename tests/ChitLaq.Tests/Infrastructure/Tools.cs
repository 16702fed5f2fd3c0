using System.Diagnostics;
using System.Text;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>The repository's own scripts and the operating system's tools (nginx, Prometheus, age…), run as operators run them.</summary>
public static class Tools
{
    /// <summary>The folder holding ChitLaq.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    /// <summary>Runs a program to the end; throws with its output unless it exits 0. Returns standard output.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var info = StartInfo(program, arguments);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish:\n{errors}");
        }
        process.WaitForExit(); // drain the output readers
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{output}\n{errors}");
        return output.ToString();
    }

    /// <summary>Starts a long-running program (a server); the caller stops it.</summary>
    public static Process Start(string program, params string[] arguments)
    {
        var process = Process.Start(StartInfo(program, arguments)) ?? throw new InvalidOperationException($"{program} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static ProcessStartInfo StartInfo(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>The libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) for a test database.</summary>
    public static Dictionary<string, string> PostgresEnvironment(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return new Dictionary<string, string>
        {
            ["PGHOST"] = builder.Host!,
            ["PGPORT"] = builder.Port.ToString(),
            ["PGUSER"] = builder.Username!,
            ["PGPASSWORD"] = builder.Password ?? "",
            ["PGDATABASE"] = builder.Database!,
        };
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChitLaq.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ChitLaq.sln not found above " + AppContext.BaseDirectory);
    }
}
