namespace CityCard.Domain.Ledger;

/// <summary>Why a journal entry was made. Pinned names: they are stored and reported.</summary>
public enum EntryKind
{
    Issue = 1,
    TopUp = 2,
    Charge = 3,
    Reversal = 4,
    ReplacementOut = 5,
    ReplacementIn = 6,
    Closure = 7,

    /// <summary>Clearing fees, posted when a window closes.</summary>
    Fee = 8,

    /// <summary>Clearing of dues and payouts against cash, posted when the settlement bank confirms a window.</summary>
    Settlement = 9,

    /// <summary>A correction: a ride priced again after a late tap (FareAdjusted). A new entry, never an edit.</summary>
    Adjustment = 10,

    /// <summary>
    /// A charge refunded because a dispute was upheld (ChargeRefunded); between two cities, a chargeback. Shown apart
    /// from fares and reversals in the settlement.
    /// </summary>
    Chargeback = 11,
}
