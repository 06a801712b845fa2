using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>
/// The content of a clearing command, as a string stored beside its operation id: a retry with the same id must
/// carry the same fingerprint, or it is an OperationConflict.
/// </summary>
public static class ClearingFingerprint
{
    public static string Of(ClearingRequest request) => request switch
    {
        CloseWindowRequest r => $"close|{Day(r.Window)}",
        ConfirmSettlementRequest r => $"confirm|{Day(r.Window)}|{r.BankReference}",
        AbortWindowRequest r => $"abort|{Day(r.Window)}|{r.Reason}",
        ReleaseHeldCardRequest r => $"release|{r.Card.Value}",
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Unknown clearing request."),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
