using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Integrity;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Tests.Projection;

/// <summary>
/// A hand-driven clearing house over an in-memory event log: append events (committed or held open), run cycles
/// and commands at chosen times, and look at what was posted. Given / When / Then for the projection step.
/// </summary>
public sealed class ClearingHarness(ClearingPolicy policy)
{
    private readonly List<(StoredCardEvent Event, DateTimeOffset BeganAt, bool Committed)> log = [];
    private readonly Dictionary<CardNumber, StoredCardEvent> heads = [];
    private int op;

    public ClearingState State { get; private set; } = ClearingState.Initial;

    public List<JournalEntry> Entries { get; } = [];

    /// <summary>Every window as its last change left it, settled ones too: what a rebuild replays.</summary>
    public Dictionary<DateOnly, ClearingWindow> Windows { get; } = [];

    /// <summary>The committed events as the store holds them now (changed ones as changed), in sequence order.</summary>
    public IReadOnlyList<StoredCardEvent> Stored => [.. log.Where(l => l.Committed).Select(l => l.Event)];

    /// <summary>Makes an appended event's data unreadable, behind the card store's back.</summary>
    public void Garble(long sequence)
    {
        var (stored, began, committed) = log[(int)sequence - 1];
        log[(int)sequence - 1] = (stored with { Event = null }, began, committed);
    }

    public ClearingChange? LastChange { get; private set; }

    /// <summary>
    /// Appends an event in a transaction that began at its recording time, committed at once unless told otherwise,
    /// with its chain link as the card store writes it.
    /// </summary>
    public long Append(CardNumber card, CardEvent e, bool commit = true)
    {
        var sequence = log.Count + 1L;
        var stored = heads.TryGetValue(card, out var last)
            ? StoredCardEvent.Chain(card, [(sequence, e)], last.Version, last.StoredHash!)[0]
            : StoredCardEvent.Chain(card, [(sequence, e)])[0];
        heads[card] = stored;
        log.Add((stored, e.RecordedAt, commit));
        return sequence;
    }

    /// <summary>Changes what an appended event says, behind the card store's back: its stored link stays as it was.</summary>
    public void Tamper(long sequence, Func<CardEvent, CardEvent> edit)
    {
        var (stored, began, committed) = log[(int)sequence - 1];
        log[(int)sequence - 1] = (stored with { Event = edit(stored.Event!) }, began, committed);
    }

    /// <summary>Puts a tampered event back as it was appended (an operator restoring the row).</summary>
    public void Restore(long sequence, CardEvent original)
    {
        var (stored, began, committed) = log[(int)sequence - 1];
        log[(int)sequence - 1] = (stored with { Event = original }, began, committed);
    }

    /// <summary>A card's stream as stored now, and how it verifies: what releasing a held card reads.</summary>
    public (StreamVerification Verification, IReadOnlyList<RecordedCardEvent> Stream) StreamOf(CardNumber card)
    {
        var stream = log.Where(l => l.Committed && l.Event.Card == card).Select(l => l.Event).OrderBy(e => e.Version).ToList();
        var verification = StreamVerifier.Verify(card, stream.Select(e => new ChainedEvent(e.Version, e.EventType, e.Event, e.StoredHash)));
        return (verification, [.. stream.Select(e => e.Recorded)]);
    }

    public CommandOutcome Release(CardNumber card, DateTimeOffset now)
    {
        var (verification, stream) = StreamOf(card);
        return Apply(HoldCommands.Release(State, new ReleaseHeldCardRequest(NextOp(), card), verification, stream, now, policy));
    }

    /// <summary>Takes a sequence number for a transaction that will roll back.</summary>
    public long TakeNumberAndRollBack(DateTimeOffset at)
    {
        var sequence = log.Count + 1L;
        log.Add((StoredCardEvent.Chain(CardNumber.Create(City.ZG, 999), [(sequence, new CardBlocked("void", at, BlockReason.Lost))])[0], at, false));
        return sequence;
    }

    public void Commit(long sequence) => log[(int)sequence - 1] = log[(int)sequence - 1] with { Committed = true };

    public void RollBack(long sequence) => log[(int)sequence - 1] = log[(int)sequence - 1] with { BeganAt = DateTimeOffset.MaxValue };

    public ClearingChange Cycle(DateTimeOffset now, int batch = 1_000)
    {
        var open = log.Where(l => !l.Committed && l.BeganAt != DateTimeOffset.MaxValue).Select(l => (DateTimeOffset?)l.BeganAt).Min();
        var visible = log.Where(l => l.Committed).Select(l => l.Event).ToList();
        var cp = State.Checkpoint;
        var fresh = visible.Where(e => e.Sequence > cp.Position).Take(batch).ToList();
        var read = new CycleRead(
            open,
            visible.Where(e => cp.Gaps.Any(g => g.Contains(e.Sequence))).ToList(),
            fresh,
            now,
            log.Count,
            fresh.Count < batch);
        return Apply(ProjectionStep.Run(State, read, policy, now));
    }

    public CommandOutcome Close(DateOnly window, DateTimeOffset now) =>
        Apply(WindowCommands.Close(State, new CloseWindowRequest(NextOp(), window), now, log.Count, policy));

    public CommandOutcome Confirm(DateOnly window, DateTimeOffset now) =>
        Apply(WindowCommands.Confirm(State, State.Book.Find(window), new ConfirmSettlementRequest(NextOp(), window, "BANK-1"), now, policy));

    public CommandOutcome Abort(DateOnly window, DateTimeOffset now) =>
        Apply(WindowCommands.Abort(State, State.Book.Find(window), new AbortWindowRequest(NextOp(), window, "Bank holiday"), now, policy));

    public ClearingWindow Window(DateOnly date) => State.Book.Find(date) ?? throw new InvalidOperationException($"No window {date} in play.");

    public IEnumerable<JournalEntry> EntriesOf(long sequence) => Entries.Where(e => e.Source == EntrySource.Event(sequence));

    private CommandOutcome Apply(CommandOutcome outcome)
    {
        if (outcome is CommandOutcome.Accepted accepted)
        {
            Apply(accepted.Change);
        }

        return outcome;
    }

    private ClearingChange Apply(ClearingChange change)
    {
        Entries.AddRange(change.Entries);
        foreach (var window in change.ChangedWindows)
        {
            Windows[window.Date] = window;
        }

        State = change.State;
        LastChange = change;
        return change;
    }

    private string NextOp() => $"op-{++op}";
}
