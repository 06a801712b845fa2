namespace CityCard.Contracts;

/// <summary>
/// The serials <paramref name="First"/> to <paramref name="Last"/> (inclusive) of one city's cards; a single card is a
/// range of one. Ranges keep a batch of a million cards a few bytes long on the wire.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.card-serial-range")]
public sealed record CardSerialRange(long First, long Last)
{
    public long Count => Last - First + 1;

    public static CardSerialRange Of(CardNumber card) => new(SerialOf(card), SerialOf(card));

    /// <summary>The nine-digit serial of a card number (its digits without the check digit).</summary>
    public static long SerialOf(CardNumber card) =>
        long.Parse(card.Value.AsSpan(2, CardNumber.SerialDigits), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}
