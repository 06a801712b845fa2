using CityCard.Domain.Tests.Policies;

namespace CityCard.Domain.Tests.Support;

/// <summary>
/// Transit taps for the default Zigong card, priced by policies/zg.json: a bus on route ZG-1 (urban) costs 2.00,
/// on ZG-35 (suburban) 3.00; a second bus within 60 minutes on another route gets up to 2.00 off.
/// </summary>
public static class Rides
{
    public static ChargeRequest Bus(string op = "ride-1", string route = "ZG-1", DateTimeOffset? tappedAt = null, City city = City.ZG) =>
        ChargeRequest.ForRide(op, city, $"{city}-BUS", Category.Bus, "bus-0001", 5, tappedAt ?? Clock.Now.AddMinutes(-3), RideDetails.Bus(route));

    public static ChargeRequest Coach(string from, string to, string op = "ride-1") =>
        ChargeRequest.ForRide(op, City.ZG, "ZG-COACH", Category.Coach, "coach-01", 5, Clock.Now.AddMinutes(-3), RideDetails.Coach(from, to));

    public static ChargeRequest Rail(string from, string to, string op = "ride-1", City city = City.ZG) =>
        ChargeRequest.ForRide(op, city, $"{city}-RAIL", Category.Rail, "gate-01", 5, Clock.Now.AddMinutes(-3), RideDetails.Rail(from, to, Clock.Now.AddMinutes(-1)));

    /// <summary>The charge a ride records on the default card issued with money on it, as if recorded at <see cref="Clock.Earlier"/>.</summary>
    public static CardCharged Charged(ChargeRequest ride)
    {
        var card = CardEvolver.Fold(CardState.Initial(Numbers.Zigong), [History.Issued(), History.ToppedUp(Amounts.Yuan(50))]);
        var decision = CardDecider.Decide(card, ride, Clock.Now, RepoPolicies.Set);
        return Assert.IsType<CardCharged>(Assert.Single(Assert.IsType<CardDecision.Append>(decision).Events)) with { RecordedAt = Clock.Earlier };
    }
}
