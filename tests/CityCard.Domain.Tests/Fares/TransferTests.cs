using CityCard.Contracts;
using CityCard.Domain.Cards;
using Xunit;
using static CityCard.Domain.Tests.Fares.FareKit;

namespace CityCard.Domain.Tests.Fares;

/// <summary>The transfer discount, against each city's "transfer" block: window, modes, share, maximum, one per journey.</summary>
public sealed class TransferTests
{
    public static TheoryData<string, City, ChargeRequest, ChargeRequest, long, long> Rows => new()
    {
        // name, card, first ride, second ride, first fare, second fare (fen)
        { "ZG: another route within 60 min, 2.00 off a 3.00 fare", City.ZG, Bus(City.ZG, "ZG-1", At("10:00")), Bus(City.ZG, "ZG-35", At("10:40")), 200, 100 },
        { "ZG: bus then bike within 60 min, the bike's 1.00 is free", City.ZG, Bus(City.ZG, "ZG-1", At("10:00")), Bike(City.ZG, At("10:30"), 90), 200, 0 },
        { "ZG: the same route is not a transfer", City.ZG, Bus(City.ZG, "ZG-1", At("10:00")), Bus(City.ZG, "ZG-1", At("10:40")), 200, 200 },
        { "ZG: 61 minutes is too late", City.ZG, Bus(City.ZG, "ZG-1", At("10:00")), Bus(City.ZG, "ZG-35", At("11:01")), 200, 300 },
        { "ZG: a coach is not a transfer mode", City.ZG, Coach(City.ZG, "ZG-FS", "ZG-CS", At("09:00")), Bus(City.ZG, "ZG-1", At("09:10")), 1200, 200 },
        { "LZ: half off, at most 1.50: 3.50 − 1.50", City.LZ, Bus(City.LZ, "LZ-1", At("10:00")), Bus(City.LZ, "LZ-K2", At("11:20")), 250, 200 },
        { "NJ: free within 45 min", City.NJ, Bus(City.NJ, "NJ-2", At("10:00")), Bus(City.NJ, "NJ-6", At("10:45")), 150, 0 },
        { "NJ: 46 minutes is too late", City.NJ, Bus(City.NJ, "NJ-2", At("10:00")), Bus(City.NJ, "NJ-6", At("10:46")), 150, 150 },
        { "YB: rail then bus, the window runs from the exit gate (10:20 + 55 min)", City.YB, Rail(City.YB, "YB-GT", "YB-LY", At("10:00")), Bus(City.YB, "YB-4", At("11:15")), 400, 0 },
        { "YB: rail then bus, 65 min after the exit gate", City.YB, Rail(City.YB, "YB-GT", "YB-LY", At("10:00")), Bus(City.YB, "YB-4", At("11:25")), 400, 200 },
        { "YB: rail to rail is the same network, not a transfer", City.YB, Rail(City.YB, "YB-GT", "YB-LY", At("10:00")), Rail(City.YB, "YB-LY", "YB-XZ", At("10:30")), 400, 300 },
        { "Across cities there is no transfer: ZG bus then NJ bus", City.ZG, Bus(City.ZG, "ZG-1", At("10:00")), Bus(City.NJ, "NJ-2", At("10:20")), 200, 150 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_second_ride_soon_after_the_first_gets_the_citys_transfer_discount(string name, City issuer, ChargeRequest first, ChargeRequest second, long firstFen, long secondFen)
    {
        _ = name;
        var (_, events) = Run(Card(issuer), [first, second]);

        var charges = events.OfType<CardCharged>().ToList();
        Assert.Equal((firstFen, secondFen), (charges[0].Amount.Fen, charges[1].Amount.Fen));
        var transfer = charges[1].Fare!.Lines.SingleOrDefault(l => l.Kind == FareLineKind.Transfer);
        Assert.Equal(transfer is not null, charges[1].Fare!.IsTransfer);
    }

    [Fact]
    public void One_transfer_per_journey_the_ride_after_a_transfer_pays_in_full()
    {
        var (_, events) = Run(Card(City.ZG), [Bus(City.ZG, "ZG-1", At("10:00")), Bus(City.ZG, "ZG-35", At("10:20")), Bus(City.ZG, "ZG-3", At("10:40"))]);

        Assert.Equal([200L, 100, 200], events.OfType<CardCharged>().Select(c => c.Amount.Fen));
    }

    [Fact]
    public void A_free_concession_ride_leaves_nothing_to_discount_so_it_is_not_a_transfer()
    {
        var (_, events) = Run(Card(City.ZG, "senior"), [Bus(City.ZG, "ZG-1", At("08:30")), Bus(City.ZG, "ZG-35", At("09:10")), Bus(City.ZG, "ZG-3", At("09:20"))]);

        var charges = events.OfType<CardCharged>().ToList();
        Assert.Equal([200L, 0, 0], charges.Select(c => c.Amount.Fen));
        Assert.False(charges[1].Fare!.IsTransfer);
        Assert.Equal("concessions.senior-offpeak-free (10000 bp off)", charges[2].Fare!.Lines[1].Rule);
    }

    /// <summary>
    /// Only a ride the transfer rule discounted is the journey's transfer: a ride made free by a concession is not, so
    /// the next ride may still be a transfer from it (Yibin: a senior's bus is free off peak, the rail in the peak is not).
    /// </summary>
    [Fact]
    public void The_ride_after_one_made_free_by_a_concession_can_be_the_journeys_transfer()
    {
        var (_, events) = Run(Card(City.YB, "senior"), [Bus(City.YB, "YB-4", At("16:40")), Rail(City.YB, "YB-GT", "YB-LY", At("17:10"))]);

        var charges = events.OfType<CardCharged>().ToList();
        Assert.Equal([0L, 200], charges.Select(c => c.Amount.Fen));
        Assert.Equal((false, true), (charges[0].Fare!.IsTransfer, charges[1].Fare!.IsTransfer));
        Assert.Equal((400L, 200L), (charges[1].Fare!.Base.Fen, charges[1].Fare!.TransferDiscount.Fen));
    }
}
