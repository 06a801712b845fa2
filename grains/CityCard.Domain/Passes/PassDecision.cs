namespace CityCard.Domain.Passes;

/// <summary>What a pass sale or refund decides: the outcome, or a named refusal that records nothing.</summary>
public abstract record PassDecision<T>
    where T : class
{
    private PassDecision()
    {
    }

    public sealed record Accepted(T Outcome) : PassDecision<T>;

    public sealed record Refused(PassRejection Code, string Detail) : PassDecision<T>;
}
