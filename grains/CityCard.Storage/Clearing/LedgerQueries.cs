using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Grains.Clearing;

/// <summary>Read-only questions to the ledgers: a city's trial balance now (from the movement sums) or as of a moment (from the postings).</summary>
public sealed class LedgerQueries(IDocumentStore store, IOptions<CardStoreOptions> options)
{
    private readonly string s = options.Value.Schema;

    public async Task<TrialBalance> TrialBalanceAsync(City city, DateTimeOffset? asOf, CancellationToken cancellationToken = default)
    {
        var sql = asOf is null
            ? $"select account, sum(debit)::bigint, sum(credit)::bigint from {s}.{ClearingSchema.Movements} where city = $1 group by account"
            : $"select account, sum(greatest(amount, 0))::bigint, sum(greatest(-amount, 0))::bigint from {s}.{ClearingSchema.Postings} where city = $1 and recorded_at <= $2 group by account";
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = city.ToString() } } };
        if (asOf is { } at)
        {
            command.Parameters.Add(new() { Value = at.ToUniversalTime() });
        }

        var accounts = new List<(Account, Movement)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add((Account.Parse(reader.GetString(0)), new Movement(Money.FromFen(reader.GetInt64(1)), Money.FromFen(reader.GetInt64(2)))));
        }

        return TrialBalances.Build(city, asOf, accounts);
    }

    /// <summary>Every operator's suspense balance (what is held for it, credit positive) in every city, from the movement sums.</summary>
    public async Task<List<(City City, string Operator, Money Held)>> SuspenseAsync(CancellationToken cancellationToken = default)
    {
        var prefix = Account.SuspenseFor("x").Code[..^1];
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"select city, account, sum(credit - debit)::bigint from {s}.{ClearingSchema.Movements} where starts_with(account, $1) group by city, account having sum(credit - debit) <> 0",
            connection)
        {
            Parameters = { new() { Value = prefix } },
        };
        var held = new List<(City, string, Money)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (Cities.TryParse(reader.GetString(0), out var city))
            {
                held.Add((city, Account.Parse(reader.GetString(1)).Party, Money.FromFen(reader.GetInt64(2))));
            }
        }

        return held;
    }
}
