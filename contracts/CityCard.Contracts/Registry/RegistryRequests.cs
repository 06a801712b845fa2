namespace CityCard.Contracts;

// The commands of a city's registry of operators and terminals. Each carries an operation id chosen by the caller: a
// retry with the same id returns the first outcome and changes nothing; the same id with other content is an
// OperationConflict. Actor is who acted (the key id at the gateway). Positional parameters get their serialization
// ids in declaration order: append new ones, never reorder.

/// <summary>Base of every registry command.</summary>
[GenerateSerializer, Alias("citycard.registry-request")]
public abstract record RegistryRequest(string OperationId, string Actor);

/// <summary>Register an operator of the city: what it may charge and where its revenue is paid.</summary>
[GenerateSerializer, Immutable, Alias("citycard.register-operator")]
public sealed record RegisterOperatorRequest(
    string OperationId, string Actor, string OperatorId, string Name, IReadOnlyList<Category> Categories, SettlementAccount Account)
    : RegistryRequest(OperationId, Actor);

/// <summary>Change an operator's name, categories or settlement account (its id and status stay).</summary>
[GenerateSerializer, Immutable, Alias("citycard.change-operator")]
public sealed record ChangeOperatorRequest(
    string OperationId, string Actor, string OperatorId, string Name, IReadOnlyList<Category> Categories, SettlementAccount Account)
    : RegistryRequest(OperationId, Actor);

/// <summary>Suspend an operator (its terminals' taps are refused, its revenue held) or make it active again.</summary>
[GenerateSerializer, Immutable, Alias("citycard.set-operator-status")]
public sealed record SetOperatorStatusRequest(string OperationId, string Actor, string OperatorId, OperatorStatus Status, string Reason)
    : RegistryRequest(OperationId, Actor);

/// <summary>
/// Register a terminal of one of the city's operators, with the SHA-256 of its new key (64 hex digits). The key
/// itself is made and shown once by the gateway; the registry never sees it. The hash is no part of the operation's
/// content: a retry (whose gateway made another key) replays the first registration, and its key is not shown again.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.register-terminal")]
public sealed record RegisterTerminalRequest(string OperationId, string Actor, string TerminalId, string OperatorId, string KeyHash)
    : RegistryRequest(OperationId, Actor);

/// <summary>Give a terminal a new key (its SHA-256): the old one stops working at once.</summary>
[GenerateSerializer, Immutable, Alias("citycard.rotate-terminal-key")]
public sealed record RotateTerminalKeyRequest(string OperationId, string Actor, string TerminalId, string KeyHash)
    : RegistryRequest(OperationId, Actor);

/// <summary>
/// Record a tap the gateway refused because its terminal (or the terminal's operator) was not active: the terminal's
/// sequence number, the card and why. The operation id is the gateway's, one per terminal and sequence number.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.record-refused-tap")]
public sealed record RecordRefusedTapRequest(string OperationId, string Actor, string TerminalId, string Card, long TerminalSequence, string Reason)
    : RegistryRequest(OperationId, Actor);

/// <summary>Suspend a terminal, make it active again, or retire it (for good).</summary>
[GenerateSerializer, Immutable, Alias("citycard.set-terminal-status")]
public sealed record SetTerminalStatusRequest(string OperationId, string Actor, string TerminalId, TerminalStatus Status, string Reason)
    : RegistryRequest(OperationId, Actor);
