using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Tests.Projection;

/// <summary>Card events for hand-written stories, with readable defaults.</summary>
public static class Cards
{
    public static readonly CardNumber Zg = CardNumber.Create(City.ZG, 1);
    public static readonly CardNumber Lz = CardNumber.Create(City.LZ, 2);
    public static readonly CardNumber Nj = CardNumber.Create(City.NJ, 3);
    public static readonly CardNumber Yb = CardNumber.Create(City.YB, 4);

    public static DateTimeOffset China(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, ChinaTime.Offset);

    public static CardIssued Issued(CardNumber card, long depositFen, DateTimeOffset at) =>
        new($"issue-{card}", at, card, card.Issuer, ProductCode.Standard, Money.FromFen(depositFen));

    public static CardToppedUp ToppedUp(long fen, City at, DateTimeOffset when, string? op = null) =>
        new(op ?? $"topup-{Guid.NewGuid():N}", when, Money.FromFen(fen), at, TopUpChannel.Kiosk);

    public static CardCharged Charged(long fen, City acquirer, string merchant, Category category, DateTimeOffset recorded, DateTimeOffset? tapped = null, string? op = null) =>
        new(op ?? $"tap-{Guid.NewGuid():N}", recorded, Money.FromFen(fen), new TapDetails(acquirer, merchant, category, "T-1", 1, tapped ?? recorded));

    public static ChargeReversed Reversed(string chargeOp, long fen, City acquirer, string merchant, Category category, DateTimeOffset at) =>
        new($"reverse-{chargeOp}", at, chargeOp, Money.FromFen(fen), acquirer, category, merchant, "Partial refund");
}
