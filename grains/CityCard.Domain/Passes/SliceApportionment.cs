using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// How one slice of a pass's price is shared: <see cref="Value"/> is what the slice earned, split into the operators'
/// <see cref="Shares"/> and the <see cref="Unused"/> value that becomes the issuer's revenue. Always
/// Σ shares + unused = value, to the fen; over all the slices of a pass, Σ values = price − refund.
/// </summary>
/// <param name="Issuer">The city whose ledger held the pass's money: it pays the shares and keeps the unused value.</param>
public sealed record SliceApportionment(string PassId, City Issuer, PassSlice Slice, Money Value, IReadOnlyList<OperatorShare> Shares, Money Unused)
{
    public Money Apportioned => Shares.Aggregate(Money.Zero, (sum, s) => sum + s.Share);

    /// <summary>
    /// The change from an earlier apportionment of the same slice to this one (a covered ride uploaded after the slice
    /// was apportioned): per operator, share after − share before; and unused after − before. The changes sum to zero.
    /// </summary>
    public (IReadOnlyList<(OperatorKey Operator, Money Change)> Shares, Money Unused) Since(SliceApportionment earlier)
    {
        if (earlier.PassId != PassId || earlier.Slice.Number != Slice.Number || earlier.Issuer != Issuer)
        {
            throw new ArgumentException($"{earlier.PassId} slice {earlier.Slice.Number} is not {PassId} slice {Slice.Number}.", nameof(earlier));
        }

        var before = earlier.Shares.ToDictionary(s => s.Operator, s => s.Share);
        var after = Shares.ToDictionary(s => s.Operator, s => s.Share);
        var changes = before.Keys.Union(after.Keys)
            .Order(OperatorKey.Order)
            .Select(k => (Operator: k, Change: after.GetValueOrDefault(k) - before.GetValueOrDefault(k)))
            .Where(c => c.Change != Money.Zero)
            .ToList();
        return (changes, Unused - earlier.Unused);
    }
}
