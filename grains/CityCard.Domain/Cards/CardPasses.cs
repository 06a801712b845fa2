using System.Collections.Immutable;
using CityCard.Contracts;
using CityCard.Domain.Fares;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Cards;

/// <summary>
/// The card's passes as its state keeps them: the book the fare engine is given, every covered use the apportionment
/// weighs (as last priced), and each slice's apportionment as last recorded, so a slice is apportioned once and a late
/// covered ride posts only the difference. Forgets a pass once it is over for longer than <see cref="PassLimits.Memory"/>.
/// </summary>
public sealed record CardPasses
{
    public static CardPasses Empty { get; } = new();

    public PassBook Book { get; init; } = PassBook.Empty;

    /// <summary>Covered uses, by the operation id of the charge that recorded them.</summary>
    public ImmutableDictionary<string, PassUse> Uses { get; init; } = ImmutableDictionary<string, PassUse>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Each slice's apportionment as last recorded, by <see cref="SliceKey"/>.</summary>
    public ImmutableDictionary<string, SliceApportionment> Apportioned { get; init; } = ImmutableDictionary<string, SliceApportionment>.Empty.WithComparers(StringComparer.Ordinal);

    public static string SliceKey(string passId, int slice) => $"{passId}#{slice}";

    public CardPasses Sold(HeldPass pass, DateTimeOffset at) => (this with { Book = Book.Sold(pass) }).Forget(at);

    /// <summary>A charge, or a fare adjustment of a ride, recorded: the pass's first use and entries, and the use's weight.</summary>
    public CardPasses Charged(string chargeOperationId, PassUse? use, FareBreakdown fare, DateTimeOffset tappedAt, bool isEntry, bool isAdjustment)
    {
        var book = isAdjustment ? Book.Adjusted(fare, tappedAt) : Book.Charged(fare, tappedAt, isEntry);
        return this with { Book = book, Uses = use is not null ? Uses.SetItem(chargeOperationId, use) : Uses.Remove(chargeOperationId) };
    }

    public CardPasses Refunded(PassRefunded x) => this with { Book = Book.Refunded(x.PassId, x.RecordedAt, x.Amount) };

    /// <summary>A replacement card's passes and their uses, taken over from the old card.</summary>
    public CardPasses CarriedIn(PassesCarriedOver x) => this with
    {
        Book = x.Passes.Aggregate(Book, (book, pass) => book.Find(pass.PassId) is null ? book.Sold(pass) : book),
        Uses = x.Uses.Aggregate(Uses, (uses, use) => uses.SetItem(use.OperationId, use)),
        Apportioned = x.Apportioned.Aggregate(Apportioned, (done, a) => done.SetItem(SliceKey(a.PassId, a.Slice.Number), a)),
    };

    /// <summary>What the old card gives the replacement at <paramref name="at"/>: the passes not refunded and not over, their uses and apportioned slices.</summary>
    public (IReadOnlyList<HeldPass> Passes, IReadOnlyList<PassUse> Uses, IReadOnlyList<SliceApportionment> Apportioned) CarriedOut(DateTimeOffset at)
    {
        var passes = Book.CarriedOver(at).Passes;
        var ids = passes.Select(p => p.PassId).ToHashSet(StringComparer.Ordinal);
        return (
            passes,
            Uses.Values.Where(u => ids.Contains(u.PassId)).OrderBy(u => u.OperationId, StringComparer.Ordinal).ToList(),
            Apportioned.Where(a => ids.Contains(a.Value.PassId)).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value).ToList());
    }

    /// <summary>The old card after a replacement: the passes it gave away are the new card's now (apportioned there).</summary>
    public CardPasses GaveAway(DateTimeOffset at)
    {
        var given = CarriedOut(at).Passes.Select(p => p.PassId).ToHashSet(StringComparer.Ordinal);
        return given.Count == 0 ? this : Keep(p => !given.Contains(p.PassId));
    }

    public CardPasses Apportion(PassesApportioned x) => (this with
    {
        Apportioned = x.Slices.Aggregate(Apportioned, (done, s) => done.SetItem(SliceKey(s.Apportionment.PassId, s.Apportionment.Slice.Number), s.Apportionment)),
    }).Forget(x.RecordedAt);

    /// <summary>Forgets passes over for longer than the memory, with their uses and apportionments.</summary>
    public CardPasses Forget(DateTimeOffset now)
    {
        var kept = Book.Forget(now);
        return kept.Passes.Count == Book.Passes.Count ? this : Keep(p => kept.Find(p.PassId) is not null);
    }

    private CardPasses Keep(Func<HeldPass, bool> keep)
    {
        var ids = Book.Passes.Where(keep).Select(p => p.PassId).ToHashSet(StringComparer.Ordinal);
        return new CardPasses
        {
            Book = new PassBook { Passes = Book.Passes.RemoveAll(p => !ids.Contains(p.PassId)) },
            Uses = Uses.RemoveRange(Uses.Where(u => !ids.Contains(u.Value.PassId)).Select(u => u.Key)),
            Apportioned = Apportioned.RemoveRange(Apportioned.Where(a => !ids.Contains(a.Value.PassId)).Select(a => a.Key)),
        };
    }
}
