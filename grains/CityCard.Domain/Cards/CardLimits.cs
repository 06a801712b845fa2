using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>
/// Every limit a card operation is held to, in one place. A limit exists so that a mistyped or hostile request
/// is refused by name instead of moving an absurd amount or growing a stream without bound.
/// </summary>
public static class CardLimits
{
    /// <summary>The most any single top-up, charge or reversal may move: 1,000 yuan.</summary>
    public static Money MaxOperationAmount { get; } = Money.FromYuan(1_000);

    /// <summary>The most a card may hold (Octopus caps stored value too); products may set less.</summary>
    public static Money DefaultBalanceCeiling { get; } = Money.FromYuan(1_000);

    /// <summary>The largest deposit a product may ask.</summary>
    public static Money MaxDeposit { get; } = Money.FromYuan(500);

    public const int MaxOperationIdLength = OperationId.MaxLength;
    public const int MaxMerchantIdLength = MerchantId.MaxLength;
    public const int MaxTerminalIdLength = TerminalId.MaxLength;
    public const int MaxReasonLength = 200;

    /// <summary>
    /// How far a terminal's clock may be off ours: a tap up to this far ahead of our clock is not refused as from the
    /// future, and one up to this far before the card was issued not as from before the card existed.
    /// </summary>
    public static TimeSpan TapClockSkew { get; } = TimeSpan.FromMinutes(5);

    /// <summary>How late an offline tap may be uploaded.</summary>
    public static TimeSpan MaxTapAge { get; } = TimeSpan.FromDays(31);

    /// <summary>
    /// How many recent operation ids a card keeps in memory (and in its snapshot) to answer retries at once. Older ids
    /// are still unique: the event store refuses a second use of any id the card ever recorded.
    /// </summary>
    public const int RecentOperationCapacity = 512;

    /// <summary>How long a charge stays reversible; longer than any dispute deadline.</summary>
    public static TimeSpan ChargeMemory { get; } = TimeSpan.FromDays(400);
}
