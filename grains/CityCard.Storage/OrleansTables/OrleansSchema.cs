using System.Reflection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CityCard.Silo.OrleansTables;

/// <summary>
/// The schema the Orleans ADO.NET providers need (membership and reminders), owned by this project because the
/// packages ship none. Applied on every start, before the silo starts, inside one transaction under an advisory
/// lock so that silos starting together do not trip over each other.
/// </summary>
public static class OrleansSchema
{
    /// <summary>The PostgreSQL schema holding Orleans' tables, apart from the card data in "citycard".</summary>
    public const string SchemaName = "orleans";

    /// <summary>
    /// The city gateways' PostgreSQL role: it may read Orleans' query and membership tables and nothing else (granted
    /// by the script; created by it where the silo's user may create roles).
    /// </summary>
    public const string GatewayRole = "citycard_gateway";

    private const long LockKey = 0x4369_7479_4361_7264; // "CityCard"

    /// <summary>
    /// The connection string the Orleans providers use: ours, with their tables on the search path and the session
    /// in UTC, since Orleans writes UTC DateTimes and later matches them exactly.
    /// </summary>
    public static string ConnectionStringFor(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = SchemaName, Timezone = "UTC" }.ConnectionString;

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_xact_lock({LockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var apply = new NpgsqlCommand(Script(), connection, transaction))
        {
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Script()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CityCard.Silo.OrleansTables.orleans-postgresql.sql")
            ?? throw new InvalidOperationException("The Orleans schema script is not embedded in the silo assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>Applies <see cref="OrleansSchema"/> when the host starts; registered before Orleans so it runs first.</summary>
public sealed class OrleansSchemaInitializer(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => OrleansSchema.ApplyAsync(connectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
