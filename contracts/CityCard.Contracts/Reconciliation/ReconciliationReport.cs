using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// What a reconciliation found: every city's ledger rebuilt from the event log into a fresh copy and compared with
/// the live one, account by account and window by window, to the fen; the cards' balances, deposits and money in
/// transit recomputed from their events against the issuers' float accounts; and every event read checked against its
/// card's hash chain, so that an event changed in the store (before the clearing house read it, or after) is found
/// even where both copies agree. <see cref="Matches"/> when nothing differs, no chain breaks and no card is held.
/// Amounts are integer fen.
/// </summary>
/// <param name="UpToSequence">The live checkpoint compared at: events up to it (less its outstanding gaps and held events) are rebuilt.</param>
/// <param name="DifferenceCount">All differences found; <see cref="Differences"/> lists at most the first 1,000.</param>
/// <param name="Problems">Window changes the rebuild could not replay, if any.</param>
/// <param name="ChainBreaks">Events up to the checkpoint whose hash-chain link does not check, each naming the card and the event.</param>
/// <param name="HeldCards">Cards whose postings the live clearing house holds (their chain broke): their held events are in no ledger.</param>
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
    IReadOnlyList<string> Problems,
    IReadOnlyList<ChainFinding>? ChainBreaks = null,
    IReadOnlyList<HeldCardView>? HeldCards = null);

/// <summary>
/// An event whose hash-chain link does not check: the card, the event (its place in the event store and in the
/// card's stream, its type and operation id) and how it breaks. <paramref name="HeldLive"/>: the live clearing house
/// holds it (it was changed before it was read); false: it was posted, and changed since.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.chain-finding")]
public sealed record ChainFinding(CardNumber Card, long Sequence, long Version, string EventType, string? OperationId, ChainBreakKind Kind, bool HeldLive);

/// <summary>
/// One account of one city in one window whose live amount (debits less credits) is not the rebuilt one.
/// <paramref name="Table"/> says where: <c>postings</c> (the posting lines) or <c>movements</c> (the sums the
/// settlements and trial balances read). A difference in the posting lines is given event by event: the card, the
/// event's sequence number and operation id (<paramref name="Card"/>, <paramref name="Sequence"/>,
/// <paramref name="OperationId"/>) and the amounts of that event's lines in the account; what no event explains (a
/// window's fee or settlement lines) and a difference in the sums, which belong to no one event, name the account alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.ledger-difference")]
public sealed record LedgerDifference(
    string Table,
    DateOnly Window,
    City City,
    string Account,
    long LiveFen,
    long RebuiltFen,
    long DifferenceFen,
    CardNumber? Card = null,
    long? Sequence = null,
    string? OperationId = null);

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
