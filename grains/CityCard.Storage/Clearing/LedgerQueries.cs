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
}
