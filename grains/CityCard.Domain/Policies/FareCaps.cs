using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// What a card pays for rides in <see cref="Modes"/> in this city never passes <see cref="Daily"/> on one CST day, nor
/// <see cref="SevenDay"/> over any seven consecutive CST days. The same rides count toward the regional daily cap.
/// </summary>
public sealed record FareCaps(IReadOnlySet<Category> Modes, Money Daily, Money SevenDay);
