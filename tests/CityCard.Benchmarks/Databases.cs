using Npgsql;

namespace CityCard.Benchmarks;

/// <summary>A fresh database per benchmark run on the benchmark's PostgreSQL server.</summary>
public static class Databases
{
    public static async Task<string> FreshAsync(string server, string purpose)
    {
        var name = $"cc_bench_{purpose}_{DateTime.UtcNow:yyyyMMddHHmmss}";
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}
