namespace CityCard.Contracts;

/// <summary>
/// The outcome of one clearing command: Accepted (with the window after it) or Rejected with a named code.
/// <see cref="IsReplay"/> is true when the operation id had already been used for the same command.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.clearing-operation-result")]
public sealed record ClearingOperationResult(
    string OperationId,
    OperationStatus Status,
    ClearingRejection? Rejection,
    string? Detail,
    WindowView? Window,
    bool IsReplay)
{
    public bool IsAccepted => Status == OperationStatus.Accepted;

    public static ClearingOperationResult Rejected(string operationId, ClearingRejection code, string detail, WindowView? window = null) =>
        new(operationId, OperationStatus.Rejected, code, detail, window, false);
}
