using CityCard.Contracts;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Settlement;

/// <summary>What a clearing command decides: a named rejection (nothing recorded), or a change to commit.</summary>
public abstract record CommandOutcome
{
    private CommandOutcome()
    {
    }

    public sealed record Rejected(ClearingRejection Code, string Detail) : CommandOutcome;

    public sealed record Accepted(ClearingChange Change, ClearingWindow Window) : CommandOutcome;
}
