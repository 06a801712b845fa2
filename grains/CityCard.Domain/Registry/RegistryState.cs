using System.Collections.Immutable;
using CityCard.Contracts;

namespace CityCard.Domain.Registry;

/// <summary>One operator as the registry holds it.</summary>
public sealed record OperatorEntry(
    string OperatorId, string Name, ImmutableArray<Category> Categories, SettlementAccount Account, OperatorStatus Status,
    DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>One terminal as the registry holds it: its key only as the SHA-256 (hex).</summary>
public sealed record TerminalEntry(
    string TerminalId, string OperatorId, TerminalStatus Status, string KeyHash,
    DateTimeOffset RegisteredAt, DateTimeOffset KeyIssuedAt, DateTimeOffset UpdatedAt, string UpdatedBy, long RefusedTaps = 0);

/// <summary>
/// A city's registry, built only by folding its events (<see cref="RegistryEvolver"/>). Small: a city has hundreds of
/// operators and thousands of terminals, and the registry keeps every operation id it recorded.
/// </summary>
public sealed record RegistryState
{
    public required City City { get; init; }

    public ImmutableSortedDictionary<string, OperatorEntry> Operators { get; init; } = ImmutableSortedDictionary.Create<string, OperatorEntry>(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, TerminalEntry> Terminals { get; init; } = ImmutableSortedDictionary.Create<string, TerminalEntry>(StringComparer.Ordinal);

    /// <summary>Every operation id recorded, with the fingerprint of what it asked and whom it was about.</summary>
    public ImmutableDictionary<string, RecordedRegistryOperation> Operations { get; init; } = ImmutableDictionary.Create<string, RecordedRegistryOperation>(StringComparer.Ordinal);

    public long Version { get; init; }

    public static RegistryState Initial(City city) => new() { City = city };

    public OperatorView? Operator(string operatorId) => Operators.TryGetValue(operatorId, out var o) ? ToView(o) : null;

    public TerminalView? Terminal(string terminalId) => Terminals.TryGetValue(terminalId, out var t) ? ToView(t) : null;

    public OperatorView ToView(OperatorEntry o) => new(City, o.OperatorId, o.Name, o.Categories, o.Account, o.Status, o.RegisteredAt, o.UpdatedAt, o.UpdatedBy);

    public TerminalView ToView(TerminalEntry t) => new(City, t.TerminalId, t.OperatorId, t.Status, t.KeyHash[..8], t.RegisteredAt, t.KeyIssuedAt, t.UpdatedAt, t.UpdatedBy, t.RefusedTaps);

    /// <summary>What a gateway checks a terminal's own key and taps against; null when no such terminal.</summary>
    public TerminalCredential? Credential(string terminalId) =>
        Terminals.TryGetValue(terminalId, out var t) && Operators.TryGetValue(t.OperatorId, out var o)
            ? new TerminalCredential(City, t.TerminalId, t.OperatorId, t.Status, o.Status, o.Categories, t.KeyHash)
            : null;
}

/// <summary>What an operation id was first used for: its fingerprint, and the operator or terminal it touched.</summary>
public sealed record RecordedRegistryOperation(string Fingerprint, string Subject);
