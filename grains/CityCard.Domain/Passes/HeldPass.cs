using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// A pass a card holds, as pure state: what was sold, to which card, when and for how much (always paid from the
/// card's balance, see decision 0060), from when it is valid, and what its use has fixed since: the first use (which
/// starts a first-use pass), the entries used, a refund. Built by the card's events; never edited, only replaced.
/// </summary>
/// <param name="PassId">The id of the sale (its operation id): unique among the passes of a card and of its replacements.</param>
/// <param name="SoldTo">The card that bought it; a replacement card carries the pass under the same id.</param>
/// <param name="Issuer">
/// The city whose ledger holds the pass's money until it is earned: the city whose policy defines the pass, or, for a
/// regional pass, the card's issuer (who sold it). Its unused value becomes this city's revenue.
/// </param>
/// <param name="CardProduct">The card product the price was for (standard, student, senior, …).</param>
/// <param name="ValidFrom">For a calendar-month pass, 00:00 CST on the month's first day; otherwise the sale.</param>
/// <param name="FirstUsedAt">The earliest ride or entry the pass covered, if any (what starts a first-use pass).</param>
/// <param name="EntriesUsed">For a pass that counts entries, how many it has covered.</param>
/// <param name="RefundedAt">When the pass was refunded: it covers nothing from then on.</param>
/// <param name="Refunded">What the refund gave back to the card's balance.</param>
public sealed record HeldPass(
    string PassId,
    CardNumber SoldTo,
    City Issuer,
    PassTerms Terms,
    ProductCode CardProduct,
    Money Price,
    DateTimeOffset SoldAt,
    DateTimeOffset ValidFrom,
    DateTimeOffset? FirstUsedAt = null,
    int EntriesUsed = 0,
    DateTimeOffset? RefundedAt = null,
    Money Refunded = default)
{
    public bool IsRefunded => RefundedAt is not null;

    /// <summary>Entries the pass can still cover; null when it does not count them.</summary>
    public int? EntriesLeft => Terms.Entries is { } entries ? Math.Max(0, entries - EntriesUsed) : null;

    /// <summary>
    /// The pass after covering a ride or entry at <paramref name="at"/>: the first use is the earliest one covered
    /// (a late tap can move it earlier, never later); an entry counts against the entries.
    /// </summary>
    public HeldPass Used(DateTimeOffset at, bool countsAsEntry) => this with
    {
        FirstUsedAt = FirstUsedAt is { } first && first <= at ? first : at,
        EntriesUsed = countsAsEntry && Terms.CountsEntries ? EntriesUsed + 1 : EntriesUsed,
    };
}
