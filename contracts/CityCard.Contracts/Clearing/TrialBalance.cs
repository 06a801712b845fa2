namespace CityCard.Contracts;

/// <summary>One account of a city's ledger: its code (e.g. <c>2210.LZ</c>), its name and its debit and credit totals.</summary>
[GenerateSerializer, Immutable, Alias("citycard.trial-balance-line")]
public sealed record TrialBalanceLine(string Code, string Name, Money Debits, Money Credits)
{
    /// <summary>Debits minus credits: positive for a debit balance (assets, expenses), negative for a credit balance.</summary>
    public Money Balance => Debits - Credits;
}

/// <summary>
/// A city's ledger as a trial balance: every account with its totals; debits equal credits to the fen.
/// <see cref="AsOf"/> is null for the ledger as it stands now.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.trial-balance")]
public sealed record TrialBalance(City City, DateTimeOffset? AsOf, IReadOnlyList<TrialBalanceLine> Lines, Money TotalDebits, Money TotalCredits)
{
    public bool IsBalanced => TotalDebits == TotalCredits;
}
