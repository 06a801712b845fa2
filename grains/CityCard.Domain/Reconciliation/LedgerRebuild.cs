using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Reconciliation;

/// <summary>
/// Rebuilds the ledgers from the event log into a fresh state, with the same code the live projection runs: the
/// posting rules and the placement of <see cref="ClearingChangeBuilder"/>, the closing arithmetic, the bank's
/// confirmation and aborts of <see cref="WindowCommands"/>. The live windows' history says where, among the events,
/// each window changed status (<see cref="WindowAction"/>); each event is posted between the same two changes as it
/// was live, so it lands in the same window, late or not, and every fee and settlement comes out the same. Pure:
/// the caller reads the events and commits the changes.
/// </summary>
/// <param name="upTo">The live checkpoint the comparison is made at: only the events it had posted are rebuilt.</param>
public sealed class LedgerRebuild(IEnumerable<ClearingWindow> liveWindows, Checkpoint upTo, ClearingPolicy policy)
{
    private const string OperationPrefix = "rebuild";

    private readonly IReadOnlyList<WindowAction> actions = WindowAction.From(liveWindows);
    private readonly SortedDictionary<long, RecordedCardEvent> held = [];
    private readonly ClearingPolicy rules = policy with { AutoCloseAfter = null };
    private readonly List<ClearingChange> changes = [];
    private ClearingChangeBuilder? epoch;
    private int next;
    private long read;

    public ClearingState State { get; private set; } = ClearingState.Initial;

    /// <summary>Events posted so far; events the live ledger had not posted at <c>upTo</c> are never posted.</summary>
    public long EventsPosted { get; private set; }

    /// <summary>The cards' money, recomputed from exactly the events posted.</summary>
    public CardTotals Cards { get; } = new();

    /// <summary>The live window changes the rebuild could not replay (a command the rules refused), for the report.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Takes the next events, in sequence order; returns the changes to commit, in order.</summary>
    public IReadOnlyList<ClearingChange> Feed(IReadOnlyList<RecordedCardEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Sequence <= read)
            {
                throw new InvalidOperationException($"Event {e.Sequence} is at or behind event {read}: the read is out of order.");
            }

            read = e.Sequence;
            if (e.Sequence > upTo.Position)
            {
                continue;
            }

            // Window changes that happened before this event was posted live come first. A bank's confirmation or an
            // abort places no event: it is applied in its turn, before the next change that does.
            var limit = upTo;
            while (NextPlacing() is var k && k < actions.Count)
            {
                if (e.Sequence <= actions[k].After!.Position)
                {
                    limit = actions[k].After!;
                    break;
                }

                while (next <= k)
                {
                    Apply(actions[next++]);
                }
            }

            if (WindowAction.Covers(limit, e.Sequence))
            {
                Post(e);
            }
            else
            {
                held[e.Sequence] = e;
            }
        }

        return Drain();
    }

    /// <summary>The index of the next window change that says which events came before it (actions.Count if none).</summary>
    private int NextPlacing()
    {
        var k = next;
        while (k < actions.Count && actions[k].After is null)
        {
            k++;
        }

        return k;
    }

    /// <summary>After the last event: the remaining window changes, then what is left of the events the live ledger had posted.</summary>
    public IReadOnlyList<ClearingChange> Finish()
    {
        while (next < actions.Count)
        {
            Apply(actions[next++]);
        }

        PostHeld(upTo);
        Flush();
        return Drain();
    }

    private void Apply(WindowAction action)
    {
        if (action.After is { } after)
        {
            PostHeld(after);
        }

        Flush();
        var window = State.Book.Find(action.Window) ?? ClearingWindow.Open(action.Window, rules.Calendar);
        switch (action.Step)
        {
            case WindowStep.RequestClose:
                var closing = new ClearingChangeBuilder(State, rules);
                closing.Set(window with
                {
                    Status = WindowStatus.Closing,
                    CutOffAt = action.Live.CutOffAt,
                    CloseRequestedAt = action.Live.CloseRequestedAt,
                    CloseHighWater = action.Live.CloseHighWater,
                    CloseCycle = action.Live.CloseCycle,
                    ClosingCheckpoint = action.Live.ClosingCheckpoint,
                });
                Commit(closing.Build());
                break;
            case WindowStep.Close:
                // The fees as they were when the window closed: rates may have changed since.
                var closed = new ClearingChangeBuilder(State, rules with { Fees = FeesOf(action.Live) });
                // Operators paid and held as they were live: the registry may have changed since.
                closed.Close(window, action.At, action.Live.Settlement is { Payees: not null } live ? PayeeDirectory.AsSettledIn(live) : null);
                Commit(closed.Build());
                break;
            case WindowStep.Confirm:
                Command(action, WindowCommands.Confirm(State, window, new ConfirmSettlementRequest(Op(action), action.Window, action.Live.BankReference ?? "UNKNOWN"), action.At, rules));
                break;
            case WindowStep.Abort:
                Command(action, WindowCommands.Abort(State, window, new AbortWindowRequest(Op(action), action.Window, action.Live.AbortReason ?? "Aborted"), action.At, rules));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action.Step, "Unknown window step.");
        }
    }

    private void Command(WindowAction action, CommandOutcome outcome)
    {
        if (outcome is CommandOutcome.Accepted accepted)
        {
            Commit(accepted.Change);
        }
        else if (outcome is CommandOutcome.Rejected rejected)
        {
            Problems.Add($"{action.Step} of window {action.Window} at {action.At:O}: {rejected.Code}: {rejected.Detail}");
        }
    }

    private void PostHeld(Checkpoint after)
    {
        foreach (var sequence in held.Keys.Where(s => WindowAction.Covers(after, s)).ToList())
        {
            Post(held[sequence]);
            held.Remove(sequence);
        }
    }

    private void Post(RecordedCardEvent e)
    {
        epoch ??= new ClearingChangeBuilder(State, rules);
        epoch.PostEvent(e);
        Cards.Add(e);
        EventsPosted++;
    }

    private void Flush()
    {
        if (epoch is not null)
        {
            var built = epoch;
            epoch = null;
            Commit(built.Build());
        }
    }

    /// <summary>The rebuild's own checkpoint: how far it has read, one cycle per change it commits.</summary>
    private void Commit(ClearingChange change)
    {
        var checkpoint = new Checkpoint(read, [], State.Checkpoint.Cycle + 1);
        var state = change.State with { Checkpoint = checkpoint };
        changes.Add(change with { State = state });
        State = state;
    }

    private List<ClearingChange> Drain()
    {
        Flush();
        var drained = changes.ToList();
        changes.Clear();
        return drained;
    }

    private FeeSchedule FeesOf(ClearingWindow live)
    {
        var rates = Enum.GetValues<Category>().ToDictionary(c => c, rules.Fees.RateOf);
        foreach (var line in live.Settlement?.Fees ?? [])
        {
            rates[line.Category] = line.RateBps;
        }

        return new FeeSchedule(rates, rules.Fees.DefaultRateBps);
    }

    private static string Op(WindowAction action) => $"{OperationPrefix}:{action.Step}:{action.Window:yyyyMMdd}";
}
