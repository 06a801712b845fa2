using CityCard.Contracts;
using CityCard.Domain.Fares;

namespace CityCard.Domain.Passes;

/// <summary>
/// A ride or entry a pass covered, as the apportionment needs it: which pass, whose service (city, operator,
/// category), when, and what it would have cost (<see cref="Weight"/>, the pass line of its final breakdown).
/// </summary>
public sealed record PassUse(string OperationId, string PassId, City City, string OperatorId, Category Category, DateTimeOffset TappedAt, Money Weight)
{
    /// <summary>The use a charge's (final) breakdown records, or null when no pass covered it.</summary>
    public static PassUse? Of(string operationId, City city, string operatorId, Category category, DateTimeOffset tappedAt, FareBreakdown fare) =>
        PassLines.CoverOf(fare) is { } cover
            ? new PassUse(operationId, cover.PassId, city, operatorId, category, tappedAt, cover.WouldHaveCost)
            : null;

    public static PassUse? Of(RideTap tap, FareBreakdown fare) => Of(tap.OperationId, tap.City, tap.OperatorId, tap.Mode, tap.TappedAt, fare);

    /// <summary>The operator the use pays: its city, id and category (the settlement's and the fees' grain).</summary>
    public OperatorKey Operator => new(City, OperatorId, Category);
}

/// <summary>An operator as the ledgers pay it: in its city, under its merchant id, for one category of service.</summary>
public readonly record struct OperatorKey(City City, string OperatorId, Category Category)
{
    /// <summary>City, then operator id (ordinal), then category: the order of an apportionment's lines and of its last tie-break.</summary>
    public static IComparer<OperatorKey> Order { get; } = Comparer<OperatorKey>.Create((a, b) =>
    {
        var c = a.City.CompareTo(b.City);
        c = c != 0 ? c : string.CompareOrdinal(a.OperatorId, b.OperatorId);
        return c != 0 ? c : a.Category.CompareTo(b.Category);
    });
}
