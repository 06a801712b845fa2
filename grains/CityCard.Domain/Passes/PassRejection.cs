namespace CityCard.Domain.Passes;

/// <summary>
/// Every way a pass sale or refund is refused, by name. Nothing is recorded for a refusal; the card operation that
/// wires these in maps each to its rejection code.
/// </summary>
public enum PassRejection
{
    /// <summary>The city (or the region) sells no pass of that id under the version in force.</summary>
    UnknownPassProduct = 1,

    /// <summary>The pass has no price for the card's product (or its concession price is for the city's own cards).</summary>
    PassNotForProduct = 2,

    /// <summary>A calendar-month pass is sold for the current month or the next, and names it; other passes name no month.</summary>
    InvalidPassStart = 3,

    /// <summary>
    /// The card already holds the same pass for an overlapping period, or holds a first-use pass not yet started
    /// whose services overlap (a card waits for one first use at a time).
    /// </summary>
    PassAlreadyHeld = 4,

    /// <summary>The card holds <see cref="PassLimits.MaxHeldPasses"/> passes that are not yet over.</summary>
    TooManyPasses = 5,

    /// <summary>A pass is paid from the balance and never overdraws it.</summary>
    InsufficientBalance = 6,

    /// <summary>The card holds no pass of that id.</summary>
    UnknownPass = 7,

    PassAlreadyRefunded = 8,

    /// <summary>The pass is over: its period ended, or a first-use pass was never used in time.</summary>
    PassExpired = 9,

    /// <summary>What the policy's rule gives back (pro rata, less the refund fee) is nothing.</summary>
    NothingToRefund = 10,
}
