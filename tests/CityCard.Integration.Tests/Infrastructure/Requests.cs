using CityCard.Contracts;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>Request builders with fresh operation ids, so each test reads as the story it tells.</summary>
public static class Requests
{
    public static string NewOp(string what) => $"{what}-{Guid.NewGuid():N}";

    public static IssueCardRequest Issue(string card, Money? deposit = null, ProductCode? product = null) =>
        new(NewOp("issue"), CardNumber.Parse(card).Issuer, product ?? ProductCode.Standard, deposit ?? Money.FromYuan(20));

    public static TopUpRequest TopUp(long fen, City city = City.ZG) =>
        new(NewOp("topup"), Money.FromFen(fen), city, TopUpChannel.Kiosk);

    /// <summary>A purchase of exactly <paramref name="fen"/> at a merchant (no product discount for a standard card).</summary>
    public static ChargeRequest Charge(long fen, DateTimeOffset tappedAt, City acquirer = City.LZ, Category category = Category.Retail) =>
        new(NewOp("tap"), Money.FromFen(fen), acquirer, $"{acquirer}-SHOP-1", category, $"{acquirer}-T-7", Random.Shared.NextInt64(0, 1_000_000), tappedAt);

    /// <summary>A transit tap: the fare comes from <paramref name="city"/>'s policy in force at <paramref name="tappedAt"/>.</summary>
    public static ChargeRequest Ride(City city, Category mode, RideDetails ride, DateTimeOffset tappedAt) =>
        ChargeRequest.ForRide(NewOp("ride"), city, $"{city}-{mode}", mode, $"{city}-T-{mode}", Random.Shared.NextInt64(0, 1_000_000), tappedAt, ride);
}
