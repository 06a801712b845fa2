using CityCard.Contracts;
using CityCard.Domain.Cards;
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
    private readonly List<(RecordedCardEvent Event, DateTimeOffset BeganAt, bool Committed)> log = [];
    private int op;

    public ClearingState State { get; private set; } = ClearingState.Initial;

    public List<JournalEntry> Entries { get; } = [];

    public ClearingChange? LastChange { get; private set; }

    /// <summary>Appends an event in a transaction that began at its recording time; committed at once unless told otherwise.</summary>
    public long Append(CardNumber card, CardEvent e, bool commit = true)
    {
        var sequence = log.Count + 1L;
        log.Add((new RecordedCardEvent(sequence, card, e), e.RecordedAt, commit));
        return sequence;
    }

    /// <summary>Takes a sequence number for a transaction that will roll back.</summary>
    public long TakeNumberAndRollBack(DateTimeOffset at)
    {
        var sequence = log.Count + 1L;
        log.Add((new RecordedCardEvent(sequence, CardNumber.Create(City.ZG, 999), new CardBlocked("void", at, BlockReason.Lost)), at, false));
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
        State = change.State;
        LastChange = change;
        return change;
    }

    private string NextOp() => $"op-{++op}";
}
