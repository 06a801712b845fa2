using System.Globalization;
using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CityCard.Domain.Tests.Policies;

namespace CityCard.Domain.Tests.Passes;

/// <summary>Passes sold under the repository's files (on sale from 2027-01-01), taps, and instants, so each pass test reads as its story.</summary>
public static class PassKit
{
    public static readonly DateOnly January = new(2027, 1, 1);

    private static long sequence;

    /// <summary>A CST instant: "yyyy-MM-dd HH:mm".</summary>
    public static DateTimeOffset At(string when) =>
        new(DateTime.ParseExact(when, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ChinaTime.Offset);

    public static CardNumber CardOf(City issuer) => CardNumber.Create(issuer, 700_000 + Interlocked.Increment(ref sequence));

    /// <summary>A pass sold to a card with plenty of money; the sale must be accepted.</summary>
    public static HeldPass Sold(
        City? definedBy, string product, string soldAt, City issuer = City.ZG, string cardProduct = "standard", string? month = null, string? passId = null, PassBook? held = null) =>
        Sell(definedBy, product, soldAt, issuer, cardProduct, month, passId, held) switch
        {
            PassDecision<HeldPass>.Accepted a => a.Outcome,
            PassDecision<HeldPass>.Refused r => throw new InvalidOperationException($"{product} was not sold: {r.Code} {r.Detail}"),
            _ => throw new InvalidOperationException(),
        };

    public static PassDecision<HeldPass> Sell(
        City? definedBy, string product, string soldAt, City issuer = City.ZG, string cardProduct = "standard", string? month = null, string? passId = null, PassBook? held = null, long balance = 100_000) =>
        PassSales.Sell(
            RepoPolicies.Set,
            CardOf(issuer),
            ProductCode.Parse(cardProduct),
            Money.FromFen(balance),
            held ?? PassBook.Empty,
            new PassSaleRequest(passId ?? $"pass-{Interlocked.Increment(ref sequence)}", definedBy, product, month is null ? null : DateOnly.Parse(month, CultureInfo.InvariantCulture), At(soldAt)));

    public static RideTap Bus(City city, string route, string at) => Tap(city, Category.Bus, RideDetails.Bus(route), At(at));

    public static RideTap Rail(City city, string from, string to, string at) => Tap(city, Category.Rail, RideDetails.Rail(from, to, At(at).AddMinutes(20)), At(at));

    public static RideTap Coach(City city, string from, string to, string at) => Tap(city, Category.Coach, RideDetails.Coach(from, to), At(at));

    public static RideTap Bike(City city, string at, int minutes) => Tap(city, Category.Bike, RideDetails.Bike(At(at).AddMinutes(minutes)), At(at));

    public static RideTap Tap(City city, Category mode, RideDetails ride, DateTimeOffset at)
    {
        var n = Interlocked.Increment(ref sequence);
        return new RideTap($"tap-{n}", city, mode, $"{city}-{mode.ToString().ToUpperInvariant()}", ride, at, $"{city}-T1", n);
    }

    public static FareBreakdown Price(FareCard card, RideTap tap, IReadOnlyList<HeldPass> passes, IReadOnlyList<RideRecord>? earlier = null) =>
        Assert.IsType<FareQuote.Priced>(FareEngine.PriceRide(card, tap, earlier ?? [], RepoPolicies.Set, passes)).Fare;

    public static FareBreakdown PriceWithout(FareCard card, RideTap tap, IReadOnlyList<RideRecord>? earlier = null) =>
        Assert.IsType<FareQuote.Priced>(FareEngine.PriceRide(card, tap, earlier ?? [], RepoPolicies.Set)).Fare;

    public static FareLine? PassLine(FareBreakdown fare) => fare.Lines.SingleOrDefault(l => l.Kind == FareLineKind.Pass);

    public static FareCard Standard(City issuer) => new(issuer, ProductCode.Standard);
}
