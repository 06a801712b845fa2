using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>Integer arithmetic on fares. Shares are basis points (10,000 = 100 %); no floating point anywhere.</summary>
public static class FareMath
{
    /// <summary>
    /// The share of an amount, rounded half up to the fen: 50 % of 125 fen is 63 fen (62.5 rounds up), so a half-price
    /// fare of 1.25 yuan is 0.62. Rounding the reduction (not the fare) up means the cardholder gets the half fen.
    /// </summary>
    public static Money ShareOf(Money amount, int basisPoints)
    {
        if (amount.IsNegative || basisPoints is < 0 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(basisPoints), $"A share of {basisPoints} bp of {amount.Fen} fen is not defined.");
        }

        return Money.FromFen(checked((amount.Fen * basisPoints) + 5_000) / 10_000);
    }
}
