using CityCard.Contracts;

namespace CityCard.Domain.Policies;

/// <summary>
/// A second ride within <see cref="WindowMinutes"/> of the end of the first, in the same city, on a different route or
/// mode (both among <see cref="Modes"/>), gets <see cref="BasisPointsOff"/> off (10,000 = free), at most
/// <see cref="MaxDiscount"/>. One transfer per journey: a ride priced as a transfer does not make the next one a transfer.
/// </summary>
public sealed record TransferRule(int WindowMinutes, IReadOnlySet<Category> Modes, int BasisPointsOff, Money? MaxDiscount);
