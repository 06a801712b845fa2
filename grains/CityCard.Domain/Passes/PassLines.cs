using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// The breakdown line of a ride or entry a pass covered: kind <see cref="FareLineKind.Pass"/>, minus what the ride
/// would have cost after every other step (so the fare is 0), the version that defines the pass as its policy, and
/// as its rule <c>passes.{product} (pass {passId})</c>. What the ride would have cost is what the pass's price is
/// apportioned by, so the line is the only record the apportionment needs.
/// </summary>
public static class PassLines
{
    private const string Prefix = "passes.";
    private const string Middle = " (pass ";

    public static FareLine Cover(HeldPass pass, Money wouldHaveCost) =>
        new(FareLineKind.Pass, -wouldHaveCost, pass.Terms.Policy, $"{Prefix}{pass.Terms.Product}{Middle}{pass.PassId})");

    /// <summary>The pass that covered a fare and what the fare would otherwise have cost; null when no pass did.</summary>
    public static (string PassId, string Product, Money WouldHaveCost)? CoverOf(FareBreakdown fare)
    {
        foreach (var line in fare.Lines)
        {
            if (line.Kind == FareLineKind.Pass && Parse(line.Rule) is { } parsed)
            {
                return (parsed.PassId, parsed.Product, -line.Amount);
            }
        }

        return null;
    }

    /// <summary>Reads a rule written by <see cref="Cover"/>. Product and pass ids are identifiers (no spaces or brackets), so this is exact.</summary>
    public static (string Product, string PassId)? Parse(string rule)
    {
        var middle = rule.IndexOf(Middle, StringComparison.Ordinal);
        if (!rule.StartsWith(Prefix, StringComparison.Ordinal) || middle < 0 || !rule.EndsWith(')'))
        {
            return null;
        }

        var product = rule[Prefix.Length..middle];
        var passId = rule[(middle + Middle.Length)..^1];
        return product.Length > 0 && passId.Length > 0 ? (product, passId) : null;
    }
}
