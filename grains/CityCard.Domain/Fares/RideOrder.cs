namespace CityCard.Domain.Fares;

/// <summary>
/// The one order in which a card's rides are priced: by tap time, then terminal, sequence and operation id, so that
/// two taps at the same instant are still ordered the same way whatever order they arrive in.
/// </summary>
public sealed class RideOrder : IComparer<RideTap>
{
    public static RideOrder Instance { get; } = new();

    public int Compare(RideTap? x, RideTap? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = x.TappedAt.UtcTicks.CompareTo(y.TappedAt.UtcTicks);
        c = c != 0 ? c : string.CompareOrdinal(x.TerminalId, y.TerminalId);
        c = c != 0 ? c : x.TerminalSequence.CompareTo(y.TerminalSequence);
        return c != 0 ? c : string.CompareOrdinal(x.OperationId, y.OperationId);
    }
}
