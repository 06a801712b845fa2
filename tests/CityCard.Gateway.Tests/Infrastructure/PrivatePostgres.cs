using System.Diagnostics;
using Npgsql;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of a test's own, started, stopped and started again by the project's scripts
/// (scripts/pg-start.sh, scripts/pg-stop.sh) under its own instance name, so that stopping it touches no other test's
/// server. It comes back on the port it had, so the connection strings given out stay good.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string name;
    private readonly string root;

    private PrivatePostgres(string name, string root, string connectionString)
    {
        this.name = name;
        this.root = root;
        ConnectionString = connectionString;
        Port = new NpgsqlConnectionStringBuilder(connectionString).Port;
    }

    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>A fresh server named after the test run's own (CITYCARD_PG_NAME) and <paramref name="purpose"/>.</summary>
    public static async Task<PrivatePostgres> StartAsync(string purpose)
    {
        var name = $"{Environment.GetEnvironmentVariable("CITYCARD_PG_NAME") ?? "test"}-{purpose}";
        var root = RepositoryRoot();
        await RunAsync(root, "pg-stop.sh", name, null, "--purge");
        var output = await RunAsync(root, "pg-start.sh", name, firstPort: 55_400 + Random.Shared.Next(0, 500));
        return new PrivatePostgres(name, root, output.Trim().Split('\n')[^1]);
    }

    /// <summary>A fast shutdown: sessions are ended, connections refused until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => RunAsync(root, "pg-stop.sh", name, null);

    public async Task StartAgainAsync()
    {
        var output = await RunAsync(root, "pg-start.sh", name, Port);
        var again = new NpgsqlConnectionStringBuilder(output.Trim().Split('\n')[^1]).Port;
        if (again != Port)
        {
            throw new InvalidOperationException($"PostgreSQL came back on port {again}, not {Port} (the port was taken meanwhile).");
        }
    }

    public async ValueTask DisposeAsync() => await RunAsync(root, "pg-stop.sh", name, null, "--purge");

    private static async Task<string> RunAsync(string root, string script, string name, int? firstPort, params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", script), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CITYCARD_PG_NAME"] = name, ["CITYCARD_PG_FAST"] = "1" },
        };
        if (firstPort is { } port)
        {
            start.Environment["CITYCARD_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run scripts/{script}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"scripts/{script} failed ({process.ExitCode}): {await stderr}");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No CityCard.sln above the test binaries.");
    }
}
