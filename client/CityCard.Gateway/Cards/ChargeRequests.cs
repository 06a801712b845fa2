using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Gateway.Cards;

/// <summary>
/// The one mapping of a tap's fields to the card's charge: an online charge (POST /v1/cards/{card}/charges) and a
/// terminal batch's record (CSV or JSON Lines) go through it alike, so the two paths cannot drift apart. The acquirer
/// is always the gateway's own city.
/// </summary>
public static class ChargeRequests
{
    public static ChargeRequest From(ChargeBody body, string operationId, City acquirer) =>
        new(operationId, Money.FromFen(body.Amount ?? 0), acquirer, body.MerchantId, body.Category, body.TerminalId, body.TerminalSequence, body.TappedAt, body.Ride?.ToDetails());
}
