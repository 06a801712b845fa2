namespace CityCard.Domain.Tests.Support;

/// <summary>The card numbers the tests talk about.</summary>
public static class Numbers
{
    /// <summary>The card under test in most specs: a Zigong card.</summary>
    public static readonly CardNumber Zigong = CardNumber.Create(City.ZG, 1);

    /// <summary>A fresh Zigong number, the replacement of <see cref="Zigong"/>.</summary>
    public static readonly CardNumber ZigongReplacement = CardNumber.Create(City.ZG, 2);

    /// <summary>Another Zigong number, for a second, different replacement.</summary>
    public static readonly CardNumber ZigongOther = CardNumber.Create(City.ZG, 3);

    /// <summary>A Luzhou card: another issuer.</summary>
    public static readonly CardNumber Luzhou = CardNumber.Create(City.LZ, 1);
}
