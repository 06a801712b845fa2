using CityCard.Domain.Passes;
using CsCheck;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// The random pass histories are only worth their properties if they reach the cases that matter: covered rides,
/// rides a pass covers the kind of but not the time of, a regional pass started and one run out, a late tap that
/// changes what a pass paid for a later ride, covered transfers and capped covered rides.
/// </summary>
public sealed class The_pass_histories_reach_every_interesting_case
{
    [Fact]
    public void Over_a_few_hundred_histories_every_case_occurs()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string what) => seen[what] = seen.GetValueOrDefault(what) + 1;

        PassHistory.Of("sparse").Select(PassHistory.Of("dense"), (a, b) => new[] { a, b }).Sample(histories => histories.ToList().ForEach(history =>
        {
            var rider = new PassRider(history.Card, history.Book).RideAll(history.Arrivals);
            foreach (var (tap, fare) in rider.Final.Values)
            {
                var cover = PassLines.CoverOf(fare);
                Count(cover is null ? history.InAnyScope(tap) ? "in scope, not covered" : "outside every pass" : "covered");
                if (cover is { } c && fare.TransferDiscount.IsPositive)
                {
                    Count("covered transfer");
                }

                if (cover is not null && fare.CapReduction.IsPositive)
                {
                    Count("covered and capped");
                }
            }

            foreach (var pass in rider.Passes.Passes.Where(p => p.Terms.StartsAtFirstUse))
            {
                Count(pass.FirstUsedAt is null ? "regional never started" : "regional started");
                if (PassPeriods.Of(pass) is { } period && rider.Final.Values.Any(r => r.Tap.Mode == Category.Bus && r.Tap.TappedAt >= period.End))
                {
                    Count("regional ran out before a later bus");
                }
            }

            foreach (var (_, before, after) in rider.Adjustments)
            {
                Count(before == after.Charged ? "adjusted what a pass paid, no money" : "adjusted money");
            }
        }), iter: 300, threads: 1);

        var expected = new[]
        {
            "covered", "in scope, not covered", "outside every pass", "covered transfer", "covered and capped", "regional never started",
            "regional started", "regional ran out before a later bus", "adjusted what a pass paid, no money", "adjusted money",
        };
        Assert.All(expected, what => Assert.True(seen.GetValueOrDefault(what) > 0, $"never reached: {what}; reached {string.Join(", ", seen.Select(s => $"{s.Key} {s.Value}"))}"));
    }
}
