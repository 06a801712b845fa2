using CityCard.Contracts;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Tests.Simulation;

/// <summary>
/// Runs the clearing house over a simulated history as the grain would: a projection cycle every few minutes of
/// simulated time, each business day's window closed after its cut-off (sometimes early), closed windows confirmed by
/// the bank or now and then aborted. Keeps every entry and settlement it produced, for the invariants to check.
/// </summary>
public sealed class ClearingDriver(SimulatedHistory history, ClearingPolicy policy, int seed)
{
    private readonly SimulatedEventStore store = new(history);
    private readonly Random random = new(seed);
    private int op;

    public ClearingState State { get; private set; } = ClearingState.Initial;

    public List<JournalEntry> Entries { get; } = [];

    public List<SettlementReport> Settled { get; } = [];

    public List<SettlementReport> Closed { get; } = [];

    /// <summary>Every window as it last stood, settled ones included: the live history a rebuild replays.</summary>
    public Dictionary<DateOnly, ClearingWindow> Windows { get; } = [];

    /// <summary>Runs until every event is committed and projected and every window with postings is settled.</summary>
    public void Run(TimeSpan tick, int batch)
    {
        var at = HistoryGenerator.Start;
        var finished = false;
        while (!finished)
        {
            var caughtUp = Cycle(at, batch);
            ManageWindows(at);
            finished = at > history.End && caughtUp && State.Book.Windows.Count == 0 && State.Checkpoint.Gaps.Count == 0;
            at += tick;
            if (at > history.End.AddDays(30))
            {
                throw new InvalidOperationException($"The clearing house did not finish: {State.Book.Windows.Count} windows, {State.Checkpoint.Gaps.Count} gaps left.");
            }
        }
    }

    private bool Cycle(DateTimeOffset at, int batch)
    {
        var change = ProjectionStep.Run(State, store.Read(State.Checkpoint, at, batch), policy, at);
        Apply(change);

        // A window only appears closed in a cycle's changes in the cycle that closed it.
        Closed.AddRange(change.ChangedWindows.Where(w => w.Status == WindowStatus.Closed).Select(w => w.Settlement!));
        return change.CaughtUp;
    }

    /// <summary>Closes the oldest past window (or, now and then, today's early), and confirms or aborts closed ones.</summary>
    private void ManageWindows(DateTimeOffset at)
    {
        var today = policy.Calendar.DayOf(at);
        if (State.Book.Windows.Values.All(w => w.Status == WindowStatus.Aborted) && State.Book.Windows.Count > 0)
        {
            // Only aborted windows are left: close the current one, even empty, to carry them.
            Command(WindowCommands.Close(State, new CloseWindowRequest(Op(), State.Book.CurrentWindow(today)), at, store.HighWater(at), policy));
        }

        foreach (var window in State.Book.Windows.Values.ToList())
        {
            if (window.Status == WindowStatus.Open && (window.Date < today || random.Next(400) == 0))
            {
                Command(WindowCommands.Close(State, new CloseWindowRequest(Op(), window.Date), at, store.HighWater(at), policy));
            }
            else if (window.Status == WindowStatus.Closed && random.Next(4) == 0)
            {
                // One closed window in ten fails at the bank; its obligations move to the next window that closes.
                var outcome = random.Next(10) == 0 && at < history.End
                    ? WindowCommands.Abort(State, window, new AbortWindowRequest(Op(), window.Date, "Bank rejected the instruction"), at, policy)
                    : WindowCommands.Confirm(State, window, new ConfirmSettlementRequest(Op(), window.Date, $"BANK-{window.Date:yyyyMMdd}"), at, policy);
                if (outcome is CommandOutcome.Accepted { Window.Status: WindowStatus.Settled } settled)
                {
                    Settled.Add(settled.Window.Settlement!);
                }

                Command(outcome);
            }
        }
    }

    private void Command(CommandOutcome outcome)
    {
        if (outcome is CommandOutcome.Accepted accepted)
        {
            Apply(accepted.Change);
        }
    }

    private void Apply(ClearingChange change)
    {
        Entries.AddRange(change.Entries);
        State = change.State;
        foreach (var window in change.ChangedWindows)
        {
            Windows[window.Date] = window;
        }
    }

    private string Op() => $"clearing-{++op}";
}
