using System.Text.Json.Serialization;

namespace CityCard.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<OperatorStatus>))]
public enum OperatorStatus
{
    Active = 1,
    Suspended = 2,
}

[JsonConverter(typeof(JsonStringEnumConverter<TerminalStatus>))]
public enum TerminalStatus
{
    Active = 1,
    Suspended = 2,

    /// <summary>For good: a retired terminal is never active again.</summary>
    Retired = 3,
}

/// <summary>Where an operator's revenue is paid: a bank and an account number there.</summary>
[GenerateSerializer, Immutable, Alias("citycard.settlement-account")]
public sealed record SettlementAccount(string Bank, string AccountNumber)
{
    /// <summary>The account as everyone but the clearing role sees it: all but its last four digits hidden.</summary>
    public SettlementAccount Masked() =>
        this with { AccountNumber = AccountNumber.Length <= 4 ? new string('*', AccountNumber.Length) : new string('*', AccountNumber.Length - 4) + AccountNumber[^4..] };
}

/// <summary>A registered operator of a city, as it stands.</summary>
[GenerateSerializer, Immutable, Alias("citycard.operator-view")]
public sealed record OperatorView(
    City City,
    string OperatorId,
    string Name,
    IReadOnlyList<Category> Categories,
    SettlementAccount Account,
    OperatorStatus Status,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

/// <summary>
/// A registered terminal, as it stands. <see cref="KeyFingerprint"/> is the first 8 hex digits of its key's SHA-256,
/// enough to tell keys apart in a conversation, never enough to find one. <see cref="RefusedTaps"/> counts the taps it
/// made while it (or its operator) was not active, each recorded in the registry's history.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.terminal-view")]
public sealed record TerminalView(
    City City,
    string TerminalId,
    string OperatorId,
    TerminalStatus Status,
    string KeyFingerprint,
    DateTimeOffset RegisteredAt,
    DateTimeOffset KeyIssuedAt,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    long RefusedTaps = 0);

/// <summary>
/// The outcome of one registry command: Accepted with the operator or terminal after it, or Rejected with a named
/// code (nothing recorded). <see cref="IsReplay"/> is true when the operation id had already been used for the same command.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.registry-result")]
public sealed record RegistryResult(
    string OperationId,
    OperationStatus Status,
    RegistryRejection? Rejection,
    string? Detail,
    OperatorView? Operator,
    TerminalView? Terminal,
    bool IsReplay)
{
    public bool IsAccepted => Status == OperationStatus.Accepted;

    public static RegistryResult Rejected(string operationId, RegistryRejection code, string detail) =>
        new(operationId, OperationStatus.Rejected, code, detail, null, null, false);
}

/// <summary>One change of a city's registry, as its history lists it: what, to whom, by whom, when.</summary>
[GenerateSerializer, Immutable, Alias("citycard.registry-change")]
public sealed record RegistryChange(long Version, string Type, string Subject, string OperationId, string Actor, DateTimeOffset RecordedAt);

/// <summary>
/// What a gateway needs to let a terminal's own key act as that terminal: the SHA-256 (hex) of its key, its status,
/// and its operator's id, status and categories. Never leaves the cluster and the gateway.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.terminal-credential")]
public sealed record TerminalCredential(
    City City,
    string TerminalId,
    string OperatorId,
    TerminalStatus Status,
    OperatorStatus OperatorStatus,
    IReadOnlyList<Category> Categories,
    string KeyHash)
{
    /// <summary>The terminal and its operator are both active: its taps may be charged.</summary>
    public bool IsActive => Status == TerminalStatus.Active && OperatorStatus == OperatorStatus.Active;
}

/// <summary>One tap as the sequence check sees it: the terminal's sequence number, a digest of what it carried, its business day.</summary>
[GenerateSerializer, Immutable, Alias("citycard.tap-seen")]
public sealed record TapSeen(string TerminalId, long Sequence, string Fingerprint, DateOnly Day);

/// <summary>Numbers a terminal skipped: <see cref="From"/> to <see cref="To"/>, both missing.</summary>
[GenerateSerializer, Immutable, Alias("citycard.sequence-gap")]
public sealed record SequenceGap(string TerminalId, long From, long To);

/// <summary>A sequence number a terminal used for taps of different content (<see cref="Contents"/> of them).</summary>
[GenerateSerializer, Immutable, Alias("citycard.reused-sequence")]
public sealed record ReusedSequence(string TerminalId, long Sequence, int Contents);

/// <summary>
/// A city's daily terminal report: the gaps in each terminal's sequence numbers (from the number after the highest it
/// used before the day, or its first of the day, to its last of the day), numbers reused with other content, and the
/// active registered terminals that made no tap that day. A late upload fills its gap.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.terminal-day-report")]
public sealed record TerminalDayReport(
    City City, DateOnly Day, int Terminals, IReadOnlyList<SequenceGap> Gaps, IReadOnlyList<ReusedSequence> Reused, IReadOnlyList<string> Silent);
