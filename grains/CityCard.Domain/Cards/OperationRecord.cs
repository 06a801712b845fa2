using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>What a card remembers of one operation: enough to answer a retry with the first outcome.</summary>
/// <param name="Fingerprint">Digest of the operation's content; a retry with a different one is a conflict.</param>
/// <param name="Charged">What an accepted charge took from the card; null for every other operation.</param>
public sealed record OperationRecord(
    string OperationId,
    string Fingerprint,
    OperationStatus Status,
    RejectionCode? Rejection,
    Money BalanceAfter,
    CardStatus StatusAfter,
    long Version,
    Money? Charged = null)
{
    // Held as 16 bytes rather than a 32-digit string: a card remembers up to 512 operations (issue 9, memory per card).
    private readonly PackedHex128 fingerprint = PackedHex128.From(Fingerprint);

    public string Fingerprint { get => fingerprint.ToString(); init => fingerprint = PackedHex128.From(value); }
}
