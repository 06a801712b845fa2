using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// Apportions a slice of a pass's price among the operators whose services the holder used in it, in proportion to
/// what those rides and entries would have cost (their pass lines), by largest remainder so no fen is created or lost
/// (decision 0061).
///
/// What a slice earns: a pass valid for a time earns by days, the slice's days of the period at the price's rate
/// (cumulative and rounded down, so the slices add up to the price); the last slice earns the rest of what was not
/// refunded. A pass that counts entries earns by entries: the n-th entry is worth ⌊price × n / entries⌋ − ⌊price ×
/// (n − 1) / entries⌋; the last slice also takes the value of the entries never used, which is unused value. A
/// slice in which no covered use would have cost anything earns nothing for any operator: its value is unused value,
/// the issuer's revenue.
/// </summary>
public static class PassApportionment
{
    /// <param name="uses">The pass's covered uses (any slice, any order; others' uses are ignored).</param>
    public static SliceApportionment Apportion(HeldPass pass, PassSlice slice, IEnumerable<PassUse> uses)
    {
        var ordered = uses.Where(u => u.PassId == pass.PassId)
            .OrderBy(u => u.TappedAt.UtcTicks).ThenBy(u => u.OperationId, StringComparer.Ordinal)
            .ToList();
        if (pass.Terms.Entries is { } entries)
        {
            // The engine covers no more entries than the pass has; should more be given, the extra ones earn nothing.
            ordered = ordered.Take(entries).ToList();
        }

        var inSlice = ordered.Where(u => slice.Contains(u.TappedAt)).ToList();
        var (value, pool) = Earned(pass, slice, ordered, inSlice);
        var byOperator = inSlice
            .GroupBy(u => u.Operator)
            .Select(g => (Operator: g.Key, Uses: g.Count(), Weight: g.Aggregate(Money.Zero, (sum, u) => sum + u.Weight)))
            .Where(o => o.Weight.IsPositive)
            .OrderByDescending(o => o.Weight)
            .ThenBy(o => o.Operator, OperatorKey.Order)
            .ToList();
        if (byOperator.Count == 0 || !pool.IsPositive)
        {
            return new SliceApportionment(pass.PassId, pass.Issuer, slice, value, [], value);
        }

        var split = LargestRemainder.Split(pool.Fen, byOperator.Select(o => o.Weight.Fen).ToList());
        var shares = byOperator
            .Select((o, i) => new OperatorShare(o.Operator, o.Uses, o.Weight, Money.FromFen(split[i])))
            .OrderBy(s => s.Operator, OperatorKey.Order)
            .ToList();
        return new SliceApportionment(pass.PassId, pass.Issuer, slice, value, shares, value - pool);
    }

    /// <summary>What the slice earned in all, and how much of it goes to the operators (the rest is unused value).</summary>
    private static (Money Value, Money Pool) Earned(HeldPass pass, PassSlice slice, List<PassUse> ordered, List<PassUse> inSlice)
    {
        var price = pass.Price.Fen;
        if (pass.Terms.Entries is { } entries)
        {
            var before = ordered.Count(u => u.TappedAt < slice.Start);
            var entriesValue = EntryValue(price, entries, before + inSlice.Count) - EntryValue(price, entries, before);
            var value = slice.IsLast ? price - pass.Refunded.Fen - EntryValue(price, entries, before) : entriesValue;
            Check(pass, slice, value);
            return (Money.FromFen(value), Money.FromFen(Math.Min(entriesValue, value)));
        }

        var days = PassPeriods.DaysOf(pass);
        var earnedBefore = Share(price, slice.DaysBefore, days);
        var earned = slice.IsLast ? price - pass.Refunded.Fen - earnedBefore : Share(price, slice.DaysThrough, days) - earnedBefore;
        Check(pass, slice, earned);
        return (Money.FromFen(earned), Money.FromFen(earned));
    }

    private static long EntryValue(long price, int entries, int used) => Share(price, Math.Min(used, entries), entries);

    private static long Share(long price, long part, long whole) => (long)((Int128)price * part / whole);

    private static void Check(HeldPass pass, PassSlice slice, long value)
    {
        if (value < 0)
        {
            throw new InvalidOperationException($"Pass {pass.PassId}: slice {slice.Number} would earn {value} fen; its refund of {pass.Refunded} is more than its rule gives.");
        }
    }
}
