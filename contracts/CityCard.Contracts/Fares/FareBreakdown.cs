using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// How the fare of one tap was worked out, line by line, kept in the charge event so that the charge can be explained
/// (and replayed) without today's rules. Reductions are positive amounts here; in <see cref="Lines"/> every amount
/// is signed, and the lines always sum to <see cref="Charged"/>.
/// </summary>
/// <param name="Policy">The policy version that priced the tap, e.g. <c>LZ@2026-11-20</c>.</param>
/// <param name="Base">The fare before any reduction (the merchant's amount for a purchase).</param>
/// <param name="Concession">The product's concession (or a merchant category discount).</param>
/// <param name="TransferDiscount">The discount for a second ride soon after the first.</param>
/// <param name="CapReduction">What the daily, 7-day, regional or bike ceiling took off.</param>
/// <param name="Charged">
/// What the card pays: Base − Concession − TransferDiscount − CapReduction, less what a pass paid (its
/// <see cref="FareLineKind.Pass"/> line) when a pass covers the ride: then 0.
/// </param>
/// <param name="CountsTowardCaps">This fare counts toward the city's and the region's caps.</param>
/// <param name="IsTransfer">This ride was priced as a transfer, so the ride after it cannot be one.</param>
/// <param name="FreeRideOf">The free-rides-per-month concession this ride used up, if any.</param>
[GenerateSerializer, Immutable, Alias("citycard.fare-breakdown")]
public sealed record FareBreakdown(
    string Policy,
    Money Base,
    Money Concession,
    Money TransferDiscount,
    Money CapReduction,
    Money Charged,
    IReadOnlyList<FareLine> Lines,
    bool CountsTowardCaps,
    bool IsTransfer,
    string? FreeRideOf)
{
    /// <summary>One line per step, e.g. "Transfer -2.00 (LZ@2026-11-20 transfer …)"; for people.</summary>
    public string Describe() => string.Join(", ", Lines.Select(l => $"{l.Kind} {l.Amount} ({l.Policy} {l.Rule})"));

    /// <summary>Value equality, lines included: two breakdowns are equal when every figure and every line is.</summary>
    public bool Equals(FareBreakdown? other) =>
        other is not null
        && (Policy, Base, Concession, TransferDiscount, CapReduction, Charged, CountsTowardCaps, IsTransfer, FreeRideOf)
            == (other.Policy, other.Base, other.Concession, other.TransferDiscount, other.CapReduction, other.Charged, other.CountsTowardCaps, other.IsTransfer, other.FreeRideOf)
        && Lines.SequenceEqual(other.Lines);

    public override int GetHashCode() => HashCode.Combine(Policy, Charged, Lines.Count);
}

/// <summary>One step of a fare: its signed amount, and the policy version and rule that produced it.</summary>
/// <param name="Rule">Where in the policy the rule lives, e.g. <c>bus.routeClasses.trunk</c> or <c>caps.daily</c>.</param>
[GenerateSerializer, Immutable, Alias("citycard.fare-line")]
public sealed record FareLine(FareLineKind Kind, Money Amount, string Policy, string Rule);

[JsonConverter(typeof(JsonStringEnumConverter<FareLineKind>))]
public enum FareLineKind
{
    /// <summary>The base fare of the ride, or the merchant's amount.</summary>
    Base = 1,

    /// <summary>A product's concession or a merchant category discount.</summary>
    Concession = 2,

    /// <summary>The transfer discount.</summary>
    Transfer = 3,

    /// <summary>A cap or ceiling: what was left of it was less than the fare.</summary>
    Cap = 4,

    /// <summary>
    /// A pass the card holds covers the ride or entry: minus what it would have cost after every other step, so the
    /// card pays 0. Its rule names the pass product and the pass; its policy, the version that defines the pass.
    /// </summary>
    Pass = 5,
}
