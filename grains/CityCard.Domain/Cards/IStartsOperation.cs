namespace CityCard.Domain.Cards;

/// <summary>
/// A card event that records an operation's request and declares the same canonical parts as that request's
/// <c>CardRequest.CanonicalForm</c>, so that a retry compared with the stored event gets the same fingerprint
/// (<see cref="OperationFingerprint"/>).
/// </summary>
public interface IStartsOperation
{
    object?[] CanonicalForm();
}
