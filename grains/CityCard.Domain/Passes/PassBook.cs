using System.Collections.Immutable;
using CityCard.Contracts;
using CityCard.Domain.Fares;

namespace CityCard.Domain.Passes;

/// <summary>
/// The passes a card holds, as pure state, oldest sale first: what the fare engine is given with every tap, and what
/// a replacement card carries. Changed only by the card's events (a sale, a covered ride or entry, a refund).
/// </summary>
public sealed record PassBook
{
    public static PassBook Empty { get; } = new();

    public ImmutableList<HeldPass> Passes { get; init; } = [];

    public HeldPass? Find(string passId) => Passes.Find(p => p.PassId == passId);

    /// <summary>Passes that still cover, or will cover, something after <paramref name="at"/>.</summary>
    public IReadOnlyList<HeldPass> NotOverAt(DateTimeOffset at) => Passes.Where(p => PassPeriods.EndOf(p) > at).ToList();

    public PassBook Sold(HeldPass pass) => new() { Passes = Passes.Add(pass) };

    /// <summary>
    /// A charge (or a fare adjustment) recorded: if a pass covered it, the pass's first use may move earlier and, for a
    /// purchase on a pass that counts entries, one entry is used. A breakdown naming no pass of this card changes nothing.
    /// </summary>
    public PassBook Charged(FareBreakdown fare, DateTimeOffset tappedAt, bool isEntry) =>
        PassLines.CoverOf(fare) is { } cover && Find(cover.PassId) is { } pass
            ? Replace(pass, pass.Used(tappedAt, isEntry))
            : this;

    /// <summary>A ride priced again after a late tap now covered by a pass: only the first use can move (entries are never repriced).</summary>
    public PassBook Adjusted(FareBreakdown fare, DateTimeOffset tappedAt) => Charged(fare, tappedAt, isEntry: false);

    public PassBook Refunded(string passId, DateTimeOffset at, Money amount) =>
        Find(passId) is { } pass ? Replace(pass, pass with { RefundedAt = at, Refunded = amount }) : this;

    /// <summary>
    /// What a replacement card takes over at <paramref name="at"/>: every pass not refunded and not yet over, as it is,
    /// under the same id, so its period, first use and entries carry on and its apportionment stays one pass's.
    /// </summary>
    public PassBook CarriedOver(DateTimeOffset at) => new() { Passes = [.. Passes.Where(p => !p.IsRefunded && PassPeriods.EndOf(p) > at)] };

    /// <summary>Forgets passes over for longer than <see cref="PassLimits.Memory"/>: no tap can reach them and they are apportioned.</summary>
    public PassBook Forget(DateTimeOffset now) => new() { Passes = Passes.RemoveAll(p => PassPeriods.EndOf(p) + PassLimits.Memory < now) };

    private PassBook Replace(HeldPass old, HeldPass updated) => new() { Passes = Passes.Replace(old, updated) };
}
