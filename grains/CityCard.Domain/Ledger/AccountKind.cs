namespace CityCard.Domain.Ledger;

/// <summary>
/// The chart of accounts every city's ledger shares. The number is the account's code, grouped the way a clearing
/// accountant reads them: 1xxx assets, 2xxx liabilities, 4xxx income, 5xxx expense. Pinned: codes are stored.
/// </summary>
public enum AccountKind
{
    /// <summary>Cash the city's card company holds: top-ups and deposits taken at its points, less refunds paid and settlements.</summary>
    Cash = 1010,

    /// <summary>Owed to this city by another city (one account per city).</summary>
    DueFromCity = 1210,

    /// <summary>The float: stored value owed to this city's cardholders.</summary>
    CardFloat = 2010,

    /// <summary>Card deposits owed back to this city's cardholders.</summary>
    DepositsHeld = 2020,

    /// <summary>Balance and deposit a replaced card gave up that its replacement has not yet received.</summary>
    ReplacementsInTransit = 2030,

    /// <summary>
    /// Passes this city issued, paid for and not yet earned: owed to the operators the holders will ride with (or to
    /// the holders, on a refund) until each slice of a pass is apportioned.
    /// </summary>
    PassesUnearned = 2040,

    /// <summary>Owed to one of this city's operators or merchants for fares and purchases (one account per merchant).</summary>
    MerchantPayable = 2110,

    /// <summary>
    /// Revenue of one of this city's operators held at settlement because the operator is not registered or is
    /// suspended (one account per operator): paid out only when it is registered and active (docs/decisions/0093).
    /// </summary>
    OperatorSuspense = 2120,

    /// <summary>Owed by this city to another city (one account per city).</summary>
    DueToCity = 2210,

    /// <summary>Clearing fees earned as issuer on this city's cards used in other cities.</summary>
    ClearingFeeIncome = 4010,

    /// <summary>The value of this city's passes that no ride earned: unused slices, unused entries, refund fees (breakage).</summary>
    UnusedPassRevenue = 4020,

    /// <summary>Clearing fees paid as acquirer on other cities' cards used here.</summary>
    ClearingFeeExpense = 5010,
}
