using CityCard.Contracts;

namespace CityCard.Domain.Registry;

// A city's registry events: immutable, past tense, pinned names (RegistryEventTypes). Every change names the operation
// that caused it, when, and who acted (the key id at the gateway). Corrections are further events, never edits.

/// <summary>Base of every registry event.</summary>
public abstract record RegistryEvent(string OperationId, DateTimeOffset RecordedAt, string Actor);

/// <summary>An operator of the city was registered, active, with the categories it may charge and its settlement account.</summary>
public sealed record OperatorRegistered(
    string OperationId, DateTimeOffset RecordedAt, string Actor, string OperatorId, string Name, IReadOnlyList<Category> Categories, string Bank, string AccountNumber)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>An operator's name, categories or settlement account changed; the event holds all three as they now are.</summary>
public sealed record OperatorChanged(
    string OperationId, DateTimeOffset RecordedAt, string Actor, string OperatorId, string Name, IReadOnlyList<Category> Categories, string Bank, string AccountNumber)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>An operator was suspended: its terminals' taps are refused and its revenue is held in suspense.</summary>
public sealed record OperatorSuspended(string OperationId, DateTimeOffset RecordedAt, string Actor, string OperatorId, string Reason)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>A suspended operator was made active again.</summary>
public sealed record OperatorReinstated(string OperationId, DateTimeOffset RecordedAt, string Actor, string OperatorId, string Reason)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>A terminal of an operator was registered, active, with the SHA-256 (hex) of the key the gateway showed once.</summary>
public sealed record TerminalRegistered(string OperationId, DateTimeOffset RecordedAt, string Actor, string TerminalId, string OperatorId, string KeyHash)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>A terminal was given a new key: the old one stopped working.</summary>
public sealed record TerminalKeyRotated(string OperationId, DateTimeOffset RecordedAt, string Actor, string TerminalId, string KeyHash)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>A terminal was suspended: its taps are refused (and recorded) until it is reinstated.</summary>
public sealed record TerminalSuspended(string OperationId, DateTimeOffset RecordedAt, string Actor, string TerminalId, string Reason)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>A suspended terminal was made active again.</summary>
public sealed record TerminalReinstated(string OperationId, DateTimeOffset RecordedAt, string Actor, string TerminalId, string Reason)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>
/// A tap of a terminal that was not active (suspended, retired, or of a suspended operator) was refused at the gateway,
/// nothing charged; recorded so that the terminal's report shows it.
/// </summary>
public sealed record TerminalTapRefused(
    string OperationId, DateTimeOffset RecordedAt, string Actor, string TerminalId, string Card, long TerminalSequence, string Reason)
    : RegistryEvent(OperationId, RecordedAt, Actor);

/// <summary>A terminal was retired for good: its taps are refused (and recorded), and it changes no more.</summary>
public sealed record TerminalRetired(string OperationId, DateTimeOffset RecordedAt, string Actor, string TerminalId, string Reason)
    : RegistryEvent(OperationId, RecordedAt, Actor);
