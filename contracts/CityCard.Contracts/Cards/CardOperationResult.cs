namespace CityCard.Contracts;

/// <summary>
/// The outcome of one card operation. <see cref="IsReplay"/> is true when the operation id had already been used
/// for the same content: the outcome is the first one, and nothing was done again. <see cref="Charged"/> is what an
/// accepted charge took from the card (the fare the policy set, or the merchant's amount after any discount).
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.card-operation-result")]
public sealed record CardOperationResult(
    string OperationId,
    OperationStatus Status,
    RejectionCode? Rejection,
    string? Detail,
    Money Balance,
    CardStatus CardStatus,
    long Version,
    bool IsReplay,
    Money? Charged = null)
{
    public bool IsAccepted => Status == OperationStatus.Accepted;

    public static CardOperationResult Rejected(string operationId, RejectionCode code, string detail) =>
        new(operationId, OperationStatus.Rejected, code, detail, Money.Zero, CardStatus.NotIssued, 0, false);
}
