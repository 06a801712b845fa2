using System.Text.RegularExpressions;

namespace CityCard.Grains.Reconciliation;

/// <summary>Configuration of ledger reconciliation (section <c>Reconciliation</c>).</summary>
public sealed partial class ReconciliationOptions
{
    public const string Section = "Reconciliation";

    /// <summary>The schema the rebuilt ledgers are written to, emptied at the start of every run; default: the store's schema + "_rebuild".</summary>
    public string? RebuildSchema { get; set; }

    /// <summary>Events read per batch.</summary>
    public int BatchEvents { get; set; } = 2_000;

    /// <summary>How long one slice of a run may work before the grain takes calls again.</summary>
    public TimeSpan SliceBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the grain's timer runs a slice while a run is going; null: only when asked (tests).</summary>
    public TimeSpan? TickPeriod { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The most differences a report lists (all are counted).</summary>
    public int MaxDifferences { get; set; } = 1_000;

    public string RebuildSchemaFor(string liveSchema)
    {
        var schema = RebuildSchema ?? $"{liveSchema}_rebuild";
        return Identifier().IsMatch(schema) && schema != liveSchema
            ? schema
            : throw new InvalidOperationException($"Reconciliation:RebuildSchema '{schema}' must be a lower-case identifier other than the live schema '{liveSchema}'.");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
