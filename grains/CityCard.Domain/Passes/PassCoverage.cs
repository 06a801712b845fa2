using CityCard.Contracts;
using CityCard.Domain.Fares;

namespace CityCard.Domain.Passes;

/// <summary>
/// Which of a card's passes, if any, covers a ride or entry. A pass covers it when the pass covers that kind of
/// service in that city, the tap is at or after the sale and before any refund, inside the pass's period, and (for a
/// pass that counts entries) an entry is left. A first-use pass not yet used covers a tap before its activation
/// deadline, and that tap starts it.
///
/// When several cover it, the card uses, in order: a pass whose period is fixed (a month, days from sale) before a
/// first-use pass already started, before one this tap would start (so a monthly pass never starts the regional
/// pass's clock); then the one that ends soonest; then the one sold first; then by id. The first use of a pass is
/// the earliest tap it covered, read from the pass's state and from the rides before this one (in ride order, so a
/// late tap that starts a pass earlier moves its period: see decision 0060).
/// </summary>
public static class PassCoverage
{
    /// <summary>The pass that covers the tap, its period, and whether this tap is its first use.</summary>
    public sealed record Choice(HeldPass Pass, PassPeriod Period, bool StartsIt);

    public static Choice? Choose(IReadOnlyList<HeldPass> passes, City city, Category category, DateTimeOffset at, IReadOnlyList<RideRecord> earlier)
    {
        Choice? best = null;
        foreach (var pass in passes)
        {
            if (Candidate(pass, city, category, at, earlier) is { } choice && (best is null || Compare(choice, best) < 0))
            {
                best = choice;
            }
        }

        return best;
    }

    private static Choice? Candidate(HeldPass pass, City city, Category category, DateTimeOffset at, IReadOnlyList<RideRecord> earlier)
    {
        if (!pass.Terms.Covers(city, category) || at < pass.SoldAt || (pass.RefundedAt is { } refunded && at >= refunded) || pass.EntriesLeft is 0)
        {
            return null;
        }

        // Entries are counted as they are recorded (purchases are never priced again), so a refunded pass that counts
        // them covers no further entry, even one tapped before the refund and uploaded after it.
        if (pass.Terms.CountsEntries && pass.IsRefunded)
        {
            return null;
        }

        if (!pass.Terms.StartsAtFirstUse)
        {
            var period = PassPeriods.Of(pass, null)!.Value;
            return period.Contains(at) ? new Choice(pass, period, StartsIt: false) : null;
        }

        if (FirstUseBefore(pass, at, earlier) is { } first)
        {
            var period = PassPeriods.Of(pass, first)!.Value;
            return period.Contains(at) ? new Choice(pass, period, StartsIt: false) : null;
        }

        return at < PassPeriods.ActivationDeadline(pass) ? new Choice(pass, PassPeriods.Of(pass, at)!.Value, StartsIt: true) : null;
    }

    /// <summary>The earliest covered use at or before <paramref name="at"/>: from the pass's state, or among the rides priced before this one.</summary>
    private static DateTimeOffset? FirstUseBefore(HeldPass pass, DateTimeOffset at, IReadOnlyList<RideRecord> earlier)
    {
        DateTimeOffset? first = pass.FirstUsedAt is { } recorded && recorded <= at ? recorded : null;
        foreach (var ride in earlier)
        {
            if (ride.CoveredBy == pass.PassId && (first is null || ride.Tap.TappedAt < first))
            {
                first = ride.Tap.TappedAt;
            }
        }

        return first;
    }

    private static int Compare(Choice a, Choice b)
    {
        var c = Kind(a).CompareTo(Kind(b));
        c = c != 0 ? c : a.Period.End.UtcTicks.CompareTo(b.Period.End.UtcTicks);
        c = c != 0 ? c : a.Pass.SoldAt.UtcTicks.CompareTo(b.Pass.SoldAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(a.Pass.PassId, b.Pass.PassId);
    }

    private static int Kind(Choice c) => !c.Pass.Terms.StartsAtFirstUse ? 0 : c.StartsIt ? 2 : 1;
}
