using CityCard.Contracts;

namespace CityCard.Domain.Registry;

/// <summary>
/// The daily terminal report, pure. For each terminal that tapped on the day: every number missing between the one
/// after its highest number of an earlier day (or its first number of the day, when it has none) and its last number of
/// the day; every number seen with more than one content. The active terminals of the registry that did not tap are
/// silent. A late upload of missing numbers, whatever day it comes, fills the gap.
/// </summary>
public static class SequenceContinuity
{
    /// <summary>At most this many gaps are listed (the count of terminals is not bounded by it).</summary>
    public const int MaxListed = 10_000;

    /// <param name="seen">The taps of the terminals that tapped on <paramref name="day"/>, with their numbers of earlier days from the last one before the day.</param>
    /// <param name="active">The registry's active terminals.</param>
    public static TerminalDayReport Report(City city, DateOnly day, IEnumerable<TapSeen> seen, IEnumerable<string> active)
    {
        var byTerminal = seen.GroupBy(t => t.TerminalId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var gaps = new List<SequenceGap>();
        var reused = new List<ReusedSequence>();
        var tapped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var terminal in byTerminal)
        {
            var today = terminal.Where(t => t.Day == day).Select(t => t.Sequence).ToList();
            if (today.Count == 0)
            {
                continue;
            }

            tapped.Add(terminal.Key);
            var before = terminal.Where(t => t.Day < day && t.Sequence < today.Min()).Select(t => t.Sequence).DefaultIfEmpty(-1).Max();
            var from = before >= 0 ? before + 1 : today.Min();
            var numbers = terminal.Select(t => t.Sequence).Where(n => n >= from).Distinct().Order().ToList();
            var expected = from;
            foreach (var n in numbers.Where(n => n <= today.Max()))
            {
                if (n > expected && gaps.Count < MaxListed)
                {
                    gaps.Add(new SequenceGap(terminal.Key, expected, n - 1));
                }

                expected = n + 1;
            }

            reused.AddRange(terminal.GroupBy(t => t.Sequence).Where(g => g.Select(t => t.Fingerprint).Distinct(StringComparer.Ordinal).Count() > 1)
                .Select(g => new ReusedSequence(terminal.Key, g.Key, g.Select(t => t.Fingerprint).Distinct(StringComparer.Ordinal).Count())).OrderBy(r => r.Sequence));
        }

        var silent = active.Where(t => !tapped.Contains(t)).Order(StringComparer.Ordinal).ToList();
        return new TerminalDayReport(city, day, tapped.Count, gaps, reused, silent);
    }
}
