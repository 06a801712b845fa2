using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>What the decider concluded about one request.</summary>
public abstract record CardDecision
{
    private CardDecision()
    {
    }

    /// <summary>Append these events (an acceptance, or a recorded refusal).</summary>
    public sealed record Append(IReadOnlyList<CardEvent> Events) : CardDecision;

    /// <summary>The operation was already done with the same content: answer with its first outcome, do nothing.</summary>
    public sealed record Replay(OperationRecord First) : CardDecision;

    /// <summary>Refuse without recording anything.</summary>
    public sealed record Reject(RejectionCode Code, string Detail) : CardDecision;

    public static CardDecision Of(CardEvent e) => new Append([e]);
}
