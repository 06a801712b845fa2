namespace CityCard.Contracts;

/// <summary>
/// One charge as the card remembers it: what it cost (<paramref name="Paid"/>, after fare adjustments), what was
/// reversed and refunded of it, and so what can still be given back (<paramref name="Refundable"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.charge-view")]
public sealed record ChargeView(
    CardNumber Card,
    string ChargeOperationId,
    Money Amount,
    Money Paid,
    Money Reversed,
    Money Refunded,
    Money Refundable,
    City AcquirerCity,
    Category Category,
    string MerchantId,
    DateTimeOffset TappedAt,
    DateTimeOffset RecordedAt);
