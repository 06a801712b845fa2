namespace CityCard.Domain.Tests.Support;

/// <summary>Short money literals for readable specs.</summary>
public static class Amounts
{
    public static Money Yuan(long yuan) => Money.FromYuan(yuan);

    public static Money Fen(long fen) => Money.FromFen(fen);
}
