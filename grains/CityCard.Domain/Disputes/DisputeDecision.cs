using CityCard.Contracts;

namespace CityCard.Domain.Disputes;

/// <summary>What the dispute decider concluded about one command.</summary>
public abstract record DisputeDecision
{
    private DisputeDecision()
    {
    }

    public sealed record Append(DisputeEvent Event) : DisputeDecision;

    /// <summary>The operation was already done with the same content: answer with the case, do nothing.</summary>
    public sealed record Replay : DisputeDecision;

    public sealed record Reject(DisputeRejection Code, string Detail) : DisputeDecision;
}

/// <summary>
/// What the case needs to know from the card to decide: the charge as the card holds it now, and whether the card's
/// stream verifies. The grain asks the card; the decider stays pure.
/// </summary>
public sealed record DisputeFacts(ChargeView? Charge, StreamVerification? Stream)
{
    public static DisputeFacts None { get; } = new(null, null);
}
