using Npgsql;

namespace CityCard.Benchmarks;

/// <summary>
/// What PostgreSQL did between two readings of its statistics: checkpoints, and how many of the database's block reads
/// missed its shared buffers. It shows whether a latency percentile is made on the server's side (issue 9, sixth round).
/// </summary>
internal sealed record PostgresActivity(long Checkpoints, long BuffersWrittenByBackends, long BlocksHit, long BlocksRead)
{
    public static async Task<PostgresActivity> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select b.checkpoints_timed + b.checkpoints_req, b.buffers_backend, d.blks_hit, d.blks_read " +
            "from pg_stat_bgwriter b, pg_stat_database d where d.datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public static string Describe(PostgresActivity before, PostgresActivity after)
    {
        var hit = after.BlocksHit - before.BlocksHit;
        var read = after.BlocksRead - before.BlocksRead;
        return $"{after.Checkpoints - before.Checkpoints} checkpoints, {after.BuffersWrittenByBackends - before.BuffersWrittenByBackends:N0} buffers written by backends, " +
            $"{read:N0} blocks read outside shared buffers of {hit + read:N0} ({(hit + read > 0 ? 100.0 * read / (hit + read) : 0):F2} %)";
    }
}
