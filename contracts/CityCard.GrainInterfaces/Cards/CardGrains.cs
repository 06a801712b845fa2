namespace CityCard.Contracts;

/// <summary>How a caller holding a parsed <see cref="CardNumber"/> reaches the card's grain: by the number itself.</summary>
public static class CardGrains
{
    public static ICardGrain Card(this IGrainFactory grains, CardNumber card) => grains.GetGrain<ICardGrain>(card.Value);
}
