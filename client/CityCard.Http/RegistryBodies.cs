using CityCard.Contracts;

namespace CityCard.Http;

// The JSON bodies of a city's registry of operators and terminals, at its gateway. Who acted is the caller's key id.

/// <summary>POST /v1/operators: register an operator of the gateway's city.</summary>
public sealed record RegisterOperatorBody
{
    /// <summary>The operator's id as charges name it (their merchantId), 1 to 32 letters, digits or . _ : -</summary>
    public required string OperatorId { get; init; }

    public required string Name { get; init; }

    /// <summary>What its terminals may charge: a bus company Bus, a hotel Hotel, a hospital Health…</summary>
    public required IReadOnlyList<Category> Categories { get; init; }

    /// <summary>The settlement bank its revenue is paid to.</summary>
    public required string Bank { get; init; }

    /// <summary>Its account number there, 4 to 34 letters or digits; shown masked to all but the clearing role.</summary>
    public required string AccountNumber { get; init; }
}

/// <summary>POST /v1/operators/{operatorId}/change: the operator's name, categories and account as they are to be.</summary>
public sealed record ChangeOperatorBody
{
    public required string Name { get; init; }

    public required IReadOnlyList<Category> Categories { get; init; }

    public required string Bank { get; init; }

    public required string AccountNumber { get; init; }
}

/// <summary>POST …/suspend, …/reinstate, …/retire of an operator or terminal: why.</summary>
public sealed record RegistryStatusBody
{
    public required string Reason { get; init; }
}

/// <summary>POST /v1/terminals: register a terminal of one of the city's operators; its key is in the answer, once.</summary>
public sealed record RegisterTerminalBody
{
    public required string TerminalId { get; init; }

    public required string OperatorId { get; init; }
}

/// <summary>
/// A terminal registered or given a new key: the terminal, and its key (<c>X-Api-Key</c> of the terminal), shown
/// this once and never stored. Null when the answer replays an earlier request: the key was shown then; rotate the
/// key if it was lost.
/// </summary>
public sealed record TerminalKeyIssued(TerminalView Terminal, string? Key);

/// <summary>GET /v1/operators.</summary>
public sealed record OperatorList(City City, IReadOnlyList<OperatorView> Operators);

/// <summary>GET /v1/terminals.</summary>
public sealed record TerminalList(City City, IReadOnlyList<TerminalView> Terminals);

/// <summary>GET /v1/registry/history: the registry's changes after a version, oldest first.</summary>
public sealed record RegistryHistory(City City, IReadOnlyList<RegistryChange> Changes);
