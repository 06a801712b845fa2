using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>What the fare engine needs to know about the card: who issued it and its product.</summary>
public sealed record FareCard(City Issuer, ProductCode Product)
{
    public bool IsLocalTo(City city) => Issuer == city;
}
