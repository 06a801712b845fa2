using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>A card product as the issuing city sells it.</summary>
/// <param name="Deposit">What the issuer takes when it sells the card: exactly this, no more, no less.</param>
/// <param name="BalanceCeiling">The most the card may hold; a top-up beyond it is refused.</param>
/// <param name="TransitOverdraft">
/// How far below zero one transit ride may take the card, as Octopus lets a card go negative once. A purchase never
/// may; a card already at or below zero rides nothing that costs money until it is topped up.
/// </param>
public sealed record ProductTerms(ProductCode Code, string Name, Money Deposit, Money BalanceCeiling, Money TransitOverdraft);
