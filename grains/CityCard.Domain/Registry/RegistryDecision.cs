using CityCard.Contracts;

namespace CityCard.Domain.Registry;

/// <summary>What the registry decider concluded about one command.</summary>
public abstract record RegistryDecision
{
    private RegistryDecision()
    {
    }

    public sealed record Append(RegistryEvent Event) : RegistryDecision;

    /// <summary>The operation was already done with the same content: answer with its subject as it stands, do nothing.</summary>
    public sealed record Replay(string Subject) : RegistryDecision;

    public sealed record Reject(RegistryRejection Code, string Detail) : RegistryDecision;
}
