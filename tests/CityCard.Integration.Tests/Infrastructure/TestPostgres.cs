using System.Diagnostics;
using Npgsql;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL the integration tests run against. ./test.sh starts one and passes its connection string in
/// CITYCARD_TEST_POSTGRES; a plain `dotnet test` starts the same private instance through scripts/pg-start.sh.
/// Each fixture gets a database of its own, so tests never see each other's streams.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "CITYCARD_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(FindOrStartServer);

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"cc_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        var server = new NpgsqlConnectionStringBuilder(Server.Value) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Server.Value) { Database = name, MaxPoolSize = 40 }.ConnectionString;
    }

    private static string FindOrStartServer()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "scripts", "pg-start.sh")])
        {
            RedirectStandardOutput = true,
            Environment = { ["CITYCARD_PG_NAME"] = "test", ["CITYCARD_PG_FAST"] = "1" },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run scripts/pg-start.sh.");
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.Length == 0)
        {
            throw new InvalidOperationException($"No PostgreSQL for the tests: set {Variable} or make scripts/pg-start.sh work (exit code {process.ExitCode}).");
        }

        return output.Split('\n')[^1];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (CityCard.sln) above the test binaries.");
    }
}
