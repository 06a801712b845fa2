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

    /// <summary>A pass sold to a card, paid from its balance: the float becomes the pass issuer's unearned passes.</summary>
    PassSale = 12,

    /// <summary>A pass refunded pro rata to the card's balance.</summary>
    PassRefund = 13,

    /// <summary>
    /// A slice of a pass's price apportioned to an operator whose services the holder used (or a later correction of
    /// it): the pass's fare revenue, settled and paid out like fares, fees included.
    /// </summary>
    PassRevenue = 14,

    /// <summary>The value of a slice of a pass that no ride earned, kept by the pass's issuer (or a correction of it).</summary>
    PassUnused = 15,
}
