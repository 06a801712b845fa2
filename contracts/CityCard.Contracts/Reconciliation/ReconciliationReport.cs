using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// What a reconciliation found: every city's ledger rebuilt from the event log into a fresh copy and compared with
/// the live one, account by account and window by window, to the fen; and the cards' balances, deposits and money in
/// transit recomputed from their events against the issuers' float accounts. <see cref="Matches"/> when nothing
/// differs. Amounts are integer fen.
/// </summary>
/// <param name="UpToSequence">The live checkpoint compared at: events up to it (less its outstanding gaps) are rebuilt.</param>
/// <param name="DifferenceCount">All differences found; <see cref="Differences"/> lists at most the first 1,000.</param>
/// <param name="Problems">Window changes the rebuild could not replay, if any.</param>
[GenerateSerializer, Immutable, Alias("citycard.reconciliation-report")]
public sealed record ReconciliationReport(
    string RunId,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    long UpToSequence,
    int OutstandingGaps,
    long EventsRead,
    long EventsRebuilt,
    long Cards,
    bool Matches,
    int DifferenceCount,
    IReadOnlyList<LedgerDifference> Differences,
    IReadOnlyList<FloatCheck> Floats,
    IReadOnlyList<string> Problems);

/// <summary>
/// One account of one city in one window whose live amount (debits less credits) is not the rebuilt one.
/// <paramref name="Table"/> says where: <c>postings</c> (the posting lines) or <c>movements</c> (the sums the
/// settlements and trial balances read).
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.ledger-difference")]
public sealed record LedgerDifference(string Table, DateOnly Window, City City, string Account, long LiveFen, long RebuiltFen, long DifferenceFen);

/// <summary>
/// One city's liability to its cardholders three ways: the sum over its cards, recomputed from their events; the live
/// ledger's account; the rebuilt one. Accounts: 2010 float (balances), 2020 deposits, 2030 replacements in transit.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.float-check")]
public sealed record FloatCheck(City City, string Account, long CardsFen, long LiveFen, long RebuiltFen)
{
    public bool Matches => CardsFen == LiveFen && LiveFen == RebuiltFen;
}

[JsonConverter(typeof(JsonStringEnumConverter<ReconciliationPhase>))]
public enum ReconciliationPhase
{
    Rebuilding = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>Where a reconciliation run stands; <see cref="Report"/> once it is done.</summary>
[GenerateSerializer, Immutable, Alias("citycard.reconciliation-progress")]
public sealed record ReconciliationProgress(
    string RunId,
    ReconciliationPhase Phase,
    long EventsRead,
    long EventsTotal,
    DateTimeOffset StartedAt,
    ReconciliationReport? Report,
    string? Error);
