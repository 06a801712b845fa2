using CityCard.Contracts;

namespace CityCard.Domain.Fares;

/// <summary>What the fare engine says about a tap: its fare, or why it cannot be priced.</summary>
public abstract record FareQuote
{
    private FareQuote()
    {
    }

    public sealed record Priced(FareBreakdown Fare) : FareQuote;

    /// <summary>The tap names something the policy does not know; nothing may be charged.</summary>
    public sealed record Unpriceable(RejectionCode Code, string Detail) : FareQuote;
}
