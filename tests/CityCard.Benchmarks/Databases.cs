using Npgsql;

namespace CityCard.Benchmarks;

/// <summary>Every measurement gets a database of its own, so no run sees another's data.</summary>
public static class Databases
{
    public static async Task<string> CreateFreshAsync(string server, string purpose)
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
