using CityCard.Domain.Ledger;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CsCheck;
using static CityCard.Domain.Tests.Passes.PassKit;

namespace CityCard.Domain.Tests.Passes;

/// <summary>
/// The apportionment never creates or loses a fen: over any pass, any covered uses and any refund, the slices earn
/// exactly the price less the refund, each slice's shares and unused value make up exactly what it earned, each
/// share is its operator's exact proportion to within a fen, and the postings leave the pass's money nowhere but with
/// the operators, the issuer's unused revenue and the card. CsCheck prints the seed of a failure.
/// </summary>
public sealed class Apportionment_properties
{
    private static readonly OperatorKey[] Operators =
    [
        new(City.ZG, "ZG-BUS", Category.Bus), new(City.LZ, "LZ-BUS", Category.Bus), new(City.NJ, "NJ-BUS", Category.Bus),
        new(City.YB, "YB-BUS", Category.Bus), new(City.YB, "YB-RAIL", Category.Rail), new(City.ZG, "ZG-BUS-2", Category.Bus),
        new(City.YB, "YB-SITE-1", Category.ScenicSite), new(City.ZG, "ZG-PARK-2", Category.Park),
    ];

    [Fact]
    public void The_largest_remainder_split_sums_exactly_and_gives_each_party_the_floor_or_ceiling_of_its_exact_share()
    {
        Gen.Select(Gen.Long[0, 10_000_000], Gen.Long[0, 1_000_000].Array[1, 20]).Where((_, w) => w.Sum() > 0).Sample((total, weights) =>
        {
            var shares = LargestRemainder.Split(total, weights);
            var sum = weights.Sum();

            Assert.Equal(total, shares.Sum());
            for (var i = 0; i < weights.Length; i++)
            {
                var floor = (long)((Int128)total * weights[i] / sum);
                Assert.InRange(shares[i], floor, weights[i] == 0 ? 0 : floor + 1);
            }

            Assert.Equal(shares, LargestRemainder.Split(total, weights));
        }, iter: 1_000);
    }

    [Fact]
    public void Over_any_pass_any_uses_and_any_refund_the_slices_sum_exactly_to_the_price_less_the_refund_to_the_fen()
    {
        Gen.Select(Gen.Int[0, 4], Gen.Int[1, 100_000], Gen.Select(Gen.Int[0, 400 * 24 * 60], Gen.Int[0, Operators.Length - 1], Gen.Int[0, 600]).Array[0, 60], Gen.Int[-1, 400 * 24 * 60])
            .Sample((kind, price, draws, refundMinute) =>
            {
                var (pass, uses) = Story(kind, price, draws, refundMinute);
                var slices = PassSlices.Of(pass, At("2029-01-01 00:00"));
                var results = slices.Select(s => PassApportionment.Apportion(pass, s, uses)).ToList();

                Assert.NotEmpty(slices);
                Assert.Equal(pass.Price - pass.Refunded, results.Aggregate(Money.Zero, (sum, r) => sum + r.Value));
                foreach (var r in results)
                {
                    Assert.Equal(r.Value, r.Apportioned + r.Unused);
                    Assert.True(r.Unused >= Money.Zero && r.Shares.All(s => s.Share >= Money.Zero && s.Weight.IsPositive));
                    var weight = r.Shares.Sum(s => s.Weight.Fen);
                    foreach (var share in r.Shares)
                    {
                        var exact = (decimal)r.Apportioned.Fen * share.Weight.Fen / weight;
                        Assert.True(Math.Abs(share.Share.Fen - exact) < 1, $"{share.Operator} gets {share.Share} of {r.Apportioned}, exactly {exact / 100}");
                    }

                    if (r.Shares.Count == 0)
                    {
                        Assert.Equal(r.Value, r.Unused);
                    }
                }

                var ledger = new PassLedger(new DateOnly(2028, 12, 31)).Post(PassPostings.Sale(pass.SoldTo.Issuer, pass.Issuer, pass.Price));
                ledger.Post(PassPostings.Refund(pass.SoldTo.Issuer, pass.Issuer, pass.Refunded));
                results.ForEach(r => ledger.Post(PassPostings.Apportionment(r)));
                Assert.DoesNotContain(ledger.Balances(pass.Issuer), b => b.StartsWith("2040 ", StringComparison.Ordinal));
                var paidOut = ledger.Entries.SelectMany(e => e.Postings).Where(p => p.Account.Kind is AccountKind.MerchantPayable or AccountKind.UnusedPassRevenue).Sum(p => -p.Amount.Fen);
                var fromFloat = ledger.Entries.SelectMany(e => e.Postings).Where(p => p.Account.Kind == AccountKind.CardFloat).Sum(p => p.Amount.Fen);
                Assert.Equal(fromFloat, paidOut);
                Assert.Equal((pass.Price - pass.Refunded).Fen, paidOut);
            }, iter: 500);
    }

    /// <summary>
    /// A pass (0 a January monthly pass, 1 a regional pass, 2 the scenic pass, 3 a year's pass at a random price, 4 a
    /// February pass bought in January), covered uses at random moments of its coverage, and maybe a refund.
    /// </summary>
    private static (HeldPass Pass, List<PassUse> Uses) Story(int kind, int price, (int Minute, int Operator, int Weight)[] draws, int refundMinute)
    {
        var issuer = Cities.All[price % 4];
        var pass = kind switch
        {
            0 => Sold(City.LZ, "lz-monthly", "2026-12-29 10:00", issuer, "standard", "2027-01-01"),
            1 => Sold(null, "regional-bus-30", "2027-01-02 10:00", issuer, "senior"),
            2 => Sold(null, "scenic-park-12", "2027-01-02 10:00", issuer, "student"),
            3 => new HeldPass("Y", CardOf(issuer), issuer, new PassTerms("year", "A year", $"{issuer}@2027-01-01", PassValidity.DaysFromSale, 365, 0, [issuer], [Category.Bus], [], null, Money.FromFen(price % 500)), ProductCode.Standard, Money.FromFen(price), At("2027-01-02 23:30"), At("2027-01-02 23:30")),
            _ => Sold(City.YB, "yb-monthly", "2027-01-20 10:00", issuer, "standard", "2027-02-01"),
        };

        var start = pass.ValidFrom > pass.SoldAt ? pass.ValidFrom : pass.SoldAt;
        var end = PassPeriods.Of(pass, pass.Terms.StartsAtFirstUse ? start.AddMinutes(draws.Select(d => d.Minute).DefaultIfEmpty(0).Min() % (59 * 24 * 60)) : null)?.End
            ?? PassPeriods.EndOf(pass);
        var uses = draws
            .Select((d, i) => (At: start.AddMinutes(d.Minute % Math.Max(1, (int)(end - start).TotalMinutes)), Draw: d, Index: i))
            .Where(u => u.At < end)
            .Select(u => new PassUse($"u{u.Index:D2}", pass.PassId, Operators[u.Draw.Operator].City, Operators[u.Draw.Operator].OperatorId, Operators[u.Draw.Operator].Category, u.At, Money.FromFen(u.Draw.Weight)))
            .Where(u => pass.Terms.Covers(u.City, u.Category) || kind == 3)
            .OrderBy(u => u.TappedAt)
            .Take(pass.Terms.Entries ?? int.MaxValue)
            .ToList();
        if (pass.Terms.StartsAtFirstUse || pass.Terms.CountsEntries)
        {
            pass = uses.Count == 0 ? pass : pass with { FirstUsedAt = uses[0].TappedAt, EntriesUsed = pass.Terms.CountsEntries ? uses.Count : 0 };
        }

        if (refundMinute >= 0 && PassRefunds.Quote(pass, pass.SoldAt.AddMinutes(refundMinute)) is PassDecision<PassRefundQuote>.Accepted { Outcome: var quote })
        {
            var at = pass.SoldAt.AddMinutes(refundMinute);
            uses = uses.Where(u => u.TappedAt < at).ToList();
            pass = pass with { RefundedAt = at, Refunded = quote.Amount };
            Assert.True(!pass.Terms.CountsEntries || uses.Count <= pass.EntriesUsed);
        }

        return (pass, uses);
    }
}
