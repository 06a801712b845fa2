using CityCard.Contracts;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace CityCard.Grains.Registry;

/// <summary>
/// The table <c>terminal_sequences</c>: one row per city, terminal, sequence number and content digest, with the tap's
/// business day. A retried tap is the same row (nothing added); a number reused with other content is a second row,
/// which the daily terminal report names. docs/decisions/0092.
/// </summary>
public sealed class TerminalSequenceStore(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    public const string Table = "terminal_sequences";

    private readonly string s = options.Value.Schema;

    public static Table Definition(string schema)
    {
        var t = new Table(new PostgresqlObjectName(schema, Table, SchemaUtils.IdentifierUsage.General));
        t.AddColumn("city", "varchar(2)").AsPrimaryKey();
        t.AddColumn("terminal", "varchar(32)").AsPrimaryKey();
        t.AddColumn<long>("sequence").AsPrimaryKey();
        t.AddColumn("fingerprint", "varchar(32)").AsPrimaryKey();
        t.AddColumn<DateOnly>("business_date").NotNull();
        t.Indexes.Add(new IndexDefinition($"ix_{Table}_city_date").AgainstColumns("city", "business_date", "terminal"));
        return t;
    }

    public async Task RecordAsync(City city, IReadOnlyList<TapSeen> taps, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"insert into {s}.{Table} (city, terminal, sequence, fingerprint, business_date) " +
            "select $1, * from unnest($2::text[], $3::bigint[], $4::text[], $5::date[]) on conflict do nothing",
            connection)
        {
            Parameters =
            {
                new() { Value = city.ToString() },
                new() { Value = taps.Select(t => t.TerminalId).ToArray() },
                new() { Value = taps.Select(t => t.Sequence).ToArray() },
                new() { Value = taps.Select(t => t.Fingerprint).ToArray() },
                new() { Value = taps.Select(t => t.Day).ToArray() },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The rows of the terminals that tapped on <paramref name="day"/>: from the highest number each used before its
    /// first number of the day (if any) to its last number of the day.
    /// </summary>
    public async Task<IReadOnlyList<TapSeen>> ForDayAsync(City city, DateOnly day, CancellationToken cancellationToken = default)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"with d as (select terminal, min(sequence) lo, max(sequence) hi from {s}.{Table} where city = $1 and business_date = $2 group by terminal), " +
            $"p as (select t.terminal, max(t.sequence) prev from {s}.{Table} t join d on d.terminal = t.terminal " +
            "where t.city = $1 and t.business_date < $2 and t.sequence < d.lo group by t.terminal) " +
            $"select t.terminal, t.sequence, t.fingerprint, t.business_date from {s}.{Table} t join d on d.terminal = t.terminal " +
            "left join p on p.terminal = t.terminal where t.city = $1 and t.sequence between coalesce(p.prev, d.lo) and d.hi",
            connection)
        {
            Parameters = { new() { Value = city.ToString() }, new() { Value = day } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<TapSeen>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new TapSeen(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3)));
        }

        return rows;
    }
}
