using System.Diagnostics;
using System.Globalization;
using CityCard.Contracts;
using CityCard.Domain.Integrity;
using CityCard.Domain.Projection;
using CityCard.Domain.Settlement;
using CityCard.Grains.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityCard.Grains.Clearing;

/// <summary>
/// The region's clearing house, one activation. Thin: each cycle reads from the event feed, asks the pure
/// <see cref="ProjectionStep"/> what to post, and commits the whole change (postings, movement sums, windows,
/// checkpoint) in one transaction; commands go through the pure <see cref="WindowCommands"/> the same way. A timer
/// drives the cycles while it is active; a reminder brings it back after its silo dies.
/// </summary>
public sealed partial class RegionClearingGrain(
    IClearingStore store,
    CardEventFeed feed,
    LedgerQueries ledgers,
    TimeProvider clock,
    IOptions<ClearingOptions> options,
    ClearingTelemetry telemetry,
    ILogger<RegionClearingGrain> logger) : Grain, IRegionClearingGrain, IRemindable
{
    private const string ReminderName = "keep-clearing";

    private readonly ClearingOptions settings = options.Value;
    private readonly ClearingPolicy policy = options.Value.ToPolicy();
    private ClearingState? state;
    private long version;
    private DateTimeOffset? lastCycleAt;
    private bool reminderRegistered;
    private DateOnly? passesAskedOn;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString() != IRegionClearingGrain.Key)
        {
            throw new ArgumentException($"The region has one clearing house, keyed '{IRegionClearingGrain.Key}'.");
        }

        await feed.EnsureSequenceIsUncachedAsync(cancellationToken);
        await LoadAsync();
        if (settings.PollInterval is { } every)
        {
            this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, every) { Interleave = false, KeepAlive = true });
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunCyclesAsync(settings.TickBudget);

    public async Task<ProjectionStatus> GetProjectionStatus()
    {
        var s = await StateAsync();
        var head = await feed.HeadAsync();
        return new ProjectionStatus(
            s.Checkpoint.Position,
            head,
            Math.Max(0, head - s.Checkpoint.Position),
            s.Checkpoint.Gaps.Count,
            s.Checkpoint.Cycle,
            lastCycleAt,
            s.Book.CurrentWindow(policy.Calendar.DayOf(clock.GetUtcNow())),
            [.. s.Book.Windows.Values.Select(w => w.ToView())],
            RuntimeIdentity,
            [.. s.Holds.Values.OrderBy(h => h.BreakSequence).Select(h => h.ToView())]);
    }

    public async Task<ProjectionStatus> CatchUp()
    {
        await RunCyclesAsync(settings.CatchUpBudget);
        return await GetProjectionStatus();
    }

    public Task<ClearingOperationResult> CloseWindow(CloseWindowRequest request) =>
        CommandAsync(request, async (s, now) => WindowCommands.Close(s, request, now, await feed.HighWaterAsync(), policy));

    public Task<ClearingOperationResult> ConfirmSettlement(ConfirmSettlementRequest request) =>
        CommandAsync(request, async (s, now) => WindowCommands.Confirm(s, await FindWindowAsync(s, request.Window), request, now, policy));

    public Task<ClearingOperationResult> AbortWindow(AbortWindowRequest request) =>
        CommandAsync(request, async (s, now) => WindowCommands.Abort(s, await FindWindowAsync(s, request.Window), request, now, policy));

    public async Task<ClearingOperationResult> ReleaseHeldCard(ReleaseHeldCardRequest request)
    {
        var held = 0;
        var result = await CommandAsync(request, async (s, now) =>
        {
            // The whole stream is read only for a card that is held: it must verify before anything is posted.
            var stream = s.Holds.TryGetValue(request.Card, out var hold) ? await feed.ReadStreamAsync(request.Card) : [];
            held = hold?.Sequences.Count ?? 0;
            var verification = StreamVerifier.Verify(request.Card, stream.Select(e => new ChainedEvent(e.Version, e.EventType, e.Event, e.StoredHash)));
            return HoldCommands.Release(s, request, verification, [.. stream.Where(e => e.Event is not null).Select(e => e.Recorded)], now, policy);
        });
        if (result.IsAccepted && !result.IsReplay)
        {
            LogHoldReleased(logger, request.Card.Value, held, request.OperationId);
        }

        return result;
    }

    public async Task<WindowView?> GetWindow(DateOnly window) => (await FindWindowAsync(await StateAsync(), window))?.ToView();

    public async Task<SettlementReport?> GetSettlement(DateOnly window) => (await FindWindowAsync(await StateAsync(), window))?.Settlement;

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await EnsureReminderAsync();
        await RunCyclesAsync(settings.TickBudget);
    }

    /// <summary>
    /// Cycles until one reads everything visible and no closing window is left that the next cycle could close, or
    /// one changes nothing (waiting on a transaction in flight), or the budget runs out.
    /// </summary>
    private async Task RunCyclesAsync(TimeSpan budget)
    {
        AskPassHoldersOncePerDay();
        var started = Stopwatch.GetTimestamp();

        // The next cycle's events are read while this one commits; a read ahead left at the end is waited for and
        // dropped, so no read outlives this turn of the grain (a command never meets one).
        await using var reads = new CycleReadAhead(feed, settings.BatchEvents);
        while (Stopwatch.GetElapsedTime(started) < budget)
        {
            var (change, idle) = await CycleAsync(reads);
            if (idle || !GoesOn(change))
            {
                return;
            }
        }
    }

    /// <summary>Whether the cycles go on after this change: not when it read everything and no window is left closing.</summary>
    private static bool GoesOn(ClearingChange change) =>
        !change.CaughtUp || change.State.Book.WithStatus(WindowStatus.Closing).Any();

    private async Task<(ClearingChange Change, bool Idle)> CycleAsync(CycleReadAhead reads)
    {
        using var activity = ClearingTelemetry.Source.StartActivity("clearing.cycle");
        var s = await StateAsync();
        var now = clock.GetUtcNow();
        var read = await reads.ReadAsync(s.Checkpoint);
        var payees = s.Book.WithStatus(WindowStatus.Closing).Any() ? await PayeesAsync(s) : null;
        var change = ProjectionStep.Run(s, read, policy, now, payees);
        lastCycleAt = now;
        if (ChangesNothing(s, change))
        {
            // An idle cycle is not written: the checkpoint row would otherwise be rewritten twice a second for nothing.
            telemetry.Record(change, read, s.Book.CurrentWindow(policy.Calendar.DayOf(now)));
            return (change, true);
        }

        if (GoesOn(change))
        {
            // Used only if this commit installs change.State: a failed commit reloads the state, and the read is dropped.
            reads.Start(change.State.Checkpoint);
        }

        await CommitAsync(change, null, now, read);
        activity?.SetTag("citycard.events", change.EventsProjected);
        foreach (var window in change.ChangedWindows.Where(w => w.Status == WindowStatus.Closed))
        {
            LogWindowClosed(logger, window.Date, window.Settlement!.Positions.Count(p => p.Net != Money.Zero));
        }

        foreach (var crossing in change.CapCrossings)
        {
            LogCapCrossed(logger, crossing.City, crossing.Window, crossing.Net.ToString(), crossing.Cap.ToString());
        }

        foreach (var held in change.BrokenChains)
        {
            LogChainBroken(logger, held.Card.Value, held.Break.Version, held.Break.EventType, held.Break.OperationId, held.BreakSequence, held.Break.Kind);
        }

        return (change, false);
    }

    /// <summary>
    /// The four registries' operators and the ledgers' suspense, for a cycle that may close a window: every payout is
    /// then made to a registered account or held (docs/decisions/0093). Only the cycles with a window closing pay this.
    /// </summary>
    private async Task<PayeeDirectory> PayeesAsync(ClearingState s)
    {
        var operators = new List<(City, string, Payee)>();
        foreach (var city in Cities.All)
        {
            foreach (var o in await GrainFactory.GetGrain<IRegistryGrain>(city.ToString()).Operators())
            {
                operators.Add((city, o.OperatorId, new Payee(o.Account, o.Status)));
            }
        }

        return PayeeDirectory.From(operators, await ledgers.SuspenseAsync(), s.Book);
    }

    /// <summary>
    /// Nothing posted or held, no window changed, the checkpoint where it was, and no closing window waiting on the
    /// cycle count: the cycle can be forgotten without a write.
    /// </summary>
    private static bool ChangesNothing(ClearingState before, ClearingChange change) =>
        change.Entries.Count == 0
        && change.ChangedWindows.Count == 0
        && change.ChangedHolds.Count == 0
        && change.State.Checkpoint.Position == before.Checkpoint.Position
        && change.State.Checkpoint.Gaps.SequenceEqual(before.Checkpoint.Gaps)
        && !before.Book.WithStatus(WindowStatus.Closing).Any();

    /// <summary>
    /// Load → decide → commit for a command: idempotency and the answer are decided by the pure
    /// <see cref="ClearingCommandDecider"/> (the first record of the operation id looked up in the store), the command's
    /// rules by <paramref name="decide"/>. Only an accepted command is recorded, with its answer, in the change's own
    /// transaction.
    /// </summary>
    private async Task<ClearingOperationResult> CommandAsync(ClearingRequest request, Func<ClearingState, DateTimeOffset, Task<CommandOutcome>> decide)
    {
        var first = Domain.Cards.RequestValidation.IsValidOperationId(request.OperationId) && await store.FindOperationAsync(request.OperationId) is { } recorded
            ? new FirstClearingOperation(recorded.Fingerprint, recorded.Result)
            : null;
        if (ClearingCommandDecider.CheckOperation(request, first) is { } answer)
        {
            return answer;
        }

        var now = clock.GetUtcNow();
        var decision = ClearingCommandDecider.Decide(request, await decide(await StateAsync(), now));
        if (decision is { Change: { } change, Fingerprint: { } fingerprint })
        {
            await CommitAsync(change, new RecordedOperation(request.OperationId, fingerprint, decision.Result), now, null);
        }

        return decision.Result;
    }

    /// <summary>
    /// Any failure forgets the state: the commit may or may not have landed, so the next call reloads the truth (a
    /// stale version is refused by the store, never written over).
    /// </summary>
    private async Task CommitAsync(ClearingChange change, RecordedOperation? operation, DateTimeOffset now, CycleRead? read)
    {
        try
        {
            version = await store.CommitAsync(new ClearingCommit(version, change, operation, now));
            state = change.State;
            telemetry.Record(change, read, change.State.Book.CurrentWindow(policy.Calendar.DayOf(now)));
        }
        catch (Exception ex)
        {
            LogCommitFailed(logger, ex, version);
            state = null;
            throw;
        }
    }

    private async Task<ClearingWindow?> FindWindowAsync(ClearingState s, DateOnly window) =>
        s.Book.Find(window) ?? await store.FindWindowAsync(window);

    private async Task<ClearingState> StateAsync()
    {
        if (state is null)
        {
            await LoadAsync();
        }

        return state!;
    }

    private async Task LoadAsync() => (state, version) = await store.LoadAsync();

    private async Task EnsureReminderAsync()
    {
        if (reminderRegistered || !settings.UseReminder)
        {
            return;
        }

        try
        {
            await this.RegisterOrUpdateReminder(ReminderName, settings.ReminderPeriod, settings.ReminderPeriod);
            reminderRegistered = true;
        }
        catch (Exception ex)
        {
            // The timer keeps projecting; only the revival after a silo's death depends on this. Tried again next tick.
            LogReminderFailed(logger, ex);
        }
    }

    /// <summary>
    /// The day's pass apportionment run, started (not awaited: it asks every pass holder, and the projection must not
    /// wait on it) the first time the clearing house runs on a business day. Its id names the day, so a silo that starts
    /// again the same day repeats it harmlessly: each card answers a run it has seen with its first answer.
    /// </summary>
    private void AskPassHoldersOncePerDay()
    {
        var today = policy.Calendar.DayOf(clock.GetUtcNow());
        if (!settings.ApportionPassesDaily || passesAskedOn == today)
        {
            return;
        }

        passesAskedOn = today;
        var runId = "RG:passes-" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        GrainFactory.GetGrain<IPassClearingGrain>(IPassClearingGrain.Key).ApportionDue(runId)
            .ContinueWith(run => LogPassRunFailed(logger, run.Exception!.GetBaseException(), runId), TaskContinuationOptions.OnlyOnFaulted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The day's pass apportionment run {RunId} failed; a later run (or POST /v1/clearing/passes/apportion) asks the same cards again")]
    private static partial void LogPassRunFailed(ILogger logger, Exception exception, string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clearing window {Window} closed; {Cities} cities have a non-zero net position")]
    private static partial void LogWindowClosed(ILogger logger, DateOnly window, int cities);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hash chain broken: card {Card}, event {Version} ({EventType}, operation {OperationId}, sequence {Sequence}) does not match its link ({Kind}); the card's postings are held until its stream verifies and it is released")]
    private static partial void LogChainBroken(ILogger logger, string card, long version, string eventType, string? operationId, long sequence, ChainBreakKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Held card {Card} released by {OperationId}: its stream verifies again; {Events} held events posted")]
    private static partial void LogHoldReleased(ILogger logger, string card, int events, string operationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Net debit cap: {City} is at {Net} in window {Window}, beyond its cap of {Cap}")]
    private static partial void LogCapCrossed(ILogger logger, City city, DateOnly window, string net, string cap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clearing commit at checkpoint version {Version} failed; the state will be reloaded")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not register the clearing reminder; retrying on the next tick")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception);
}
