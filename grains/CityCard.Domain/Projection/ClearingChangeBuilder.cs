using System.Collections.Immutable;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Settlement;

namespace CityCard.Domain.Projection;

/// <summary>
/// Accumulates one change (a cycle or a command) over a state: places and posts entries, keeps window counters and
/// movements, and closes windows. Local mutation inside pure functions; nothing outside sees it until <see cref="Build"/>.
/// </summary>
internal sealed class ClearingChangeBuilder(ClearingState start, ClearingPolicy policy)
{
    private readonly List<JournalEntry> entries = [];
    private readonly Dictionary<MovementKey, Movement> deltas = [];
    private readonly Dictionary<DateOnly, ImmutableDictionary<MovementKey, Movement>.Builder> movements = [];
    private readonly SortedDictionary<DateOnly, ClearingWindow> changed = [];
    private readonly HashSet<DateOnly> dropped = [];
    private readonly Dictionary<CardNumber, HeldCard> holds = [];
    private readonly List<HeldCard> broken = [];

    /// <summary>Suspense released by windows closed in this change: a later one in the same change must not release it again.</summary>
    private readonly Dictionary<(City, string), Money> released = [];
    private ImmutableDictionary<CardNumber, HeldCard> activeHolds = start.Holds;
    private int events;
    private int heldEvents;

    public Checkpoint Checkpoint { get; set; } = start.Checkpoint;

    /// <summary>The cycle read every visible event: nothing committed before it began is left unprojected.</summary>
    public bool CaughtUp { get; set; }

    public WindowBook Book { get; private set; } = start.Book;

    /// <summary>Sequence numbers held in this change; a cycle adds them to the checkpoint it builds.</summary>
    public List<long> HeldSequences { get; } = [];

    /// <summary>
    /// Posts an event read from the store once its hash-chain link checks; holds it instead, with every later event of
    /// its card, when it does not or when the card is already held. Nothing of a held card is posted until released.
    /// </summary>
    /// <param name="links">Links checked ahead, if any; an event they do not hold is checked here.</param>
    public void Project(StoredCardEvent e, DateTimeOffset now, LinkChecks? links = null)
    {
        if (activeHolds.TryGetValue(e.Card, out var hold))
        {
            Hold(hold with { Sequences = hold.Sequences.Add(e.Sequence) }, e.Sequence);
            return;
        }

        if ((links is null ? e.CheckLink() : links.Check(e)) is { } brk)
        {
            var held = new HeldCard(e.Card, brk, e.Sequence, now, Checkpoint.Cycle, [e.Sequence]);
            broken.Add(held);
            Hold(held, e.Sequence);
            return;
        }

        PostEvent(e.Recorded);
    }

    /// <summary>Lifts a hold: posts its held events (in sequence order, placed as any event is) and marks it released.</summary>
    public void Release(HeldCard hold, IEnumerable<RecordedCardEvent> heldEvents, DateTimeOffset now, string operationId)
    {
        foreach (var e in heldEvents.OrderBy(e => e.Sequence))
        {
            PostEvent(e);
        }

        var released = hold with { ReleasedAt = now, ReleasedBy = operationId };
        holds[hold.Card] = released;
        activeHolds = activeHolds.Remove(hold.Card);
        Checkpoint = Checkpoint with { Held = Checkpoint.Held.Except(hold.Sequences) };
    }

    private void Hold(HeldCard hold, long sequence)
    {
        events++;
        heldEvents++;
        holds[hold.Card] = hold;
        activeHolds = activeHolds.SetItem(hold.Card, hold);
        HeldSequences.Add(sequence);
    }

    public void PostEvent(RecordedCardEvent e)
    {
        events++;
        var drafts = PostingRules.For(e.Card, e.Event);
        if (drafts.Count == 0)
        {
            return;
        }

        var (window, late) = Book.Place(policy.Calendar.DayOf(e.BusinessTime), policy.Calendar.DayOf(e.Event.RecordedAt));
        Post(EntrySource.Event(e.Sequence), window, late, drafts, e.Card.Value, e.Event.OperationId, e.BusinessTime, e.Event.RecordedAt);
    }

    public void Post(EntrySource source, DateOnly window, bool late, IReadOnlyList<EntryDraft> drafts, string? card, string? operationId, DateTimeOffset businessAt, DateTimeOffset recordedAt)
    {
        var target = Book.Find(window) ?? ClearingWindow.Open(window, policy.Calendar);
        var sums = MovementsOf(window);
        for (var leg = 0; leg < drafts.Count; leg++)
        {
            var d = drafts[leg];
            var entry = new JournalEntry(source, leg, d.Ledger, d.Kind, d.Category, window, late, card, operationId, businessAt, recordedAt, d.Postings);
            if (!entry.IsBalanced)
            {
                throw new InvalidOperationException($"Entry {source}/{leg} does not balance: a posting rule is wrong.");
            }

            entries.Add(entry);
            foreach (var posting in entry.Postings)
            {
                var key = new MovementKey(window, entry.Ledger, posting.Account, entry.Kind, entry.Category);
                var add = Movement.Of(posting);
                deltas[key] = deltas.TryGetValue(key, out var d1) ? d1 + add : add;
                sums[key] = sums.TryGetValue(key, out var d2) ? d2 + add : add;
            }
        }

        Set(target with { Entries = target.Entries + drafts.Count, LateEntries = target.LateEntries + (late ? drafts.Count : 0) });
    }

    public void Set(ClearingWindow window)
    {
        Book = Book.With(window);
        changed[window.Date] = window;
    }

    /// <summary>Forgets a settled window (and the movements of what it settled): nothing will change them again.</summary>
    public void Drop(DateOnly window)
    {
        Book = Book.Without(window);
        dropped.Add(window);
    }

    public ImmutableDictionary<MovementKey, Movement>.Builder MovementsOf(DateOnly window)
    {
        if (!movements.TryGetValue(window, out var builder))
        {
            builder = (start.Movements.GetValueOrDefault(window) ?? ImmutableDictionary<MovementKey, Movement>.Empty).ToBuilder();
            movements[window] = builder;
        }

        return builder;
    }

    /// <summary>
    /// Closes a closing window: posts its fees, computes its settlement (with any aborted windows it carries) and, given
    /// the <paramref name="payees"/>, who of its operators is paid and whose revenue is held (docs/decisions/0093).
    /// </summary>
    public void Close(ClearingWindow window, DateTimeOffset now, PayeeDirectory? payees = null)
    {
        var fees = SettlementCalculator.Fees(MovementsOf(window.Date), policy.Fees);
        Post(EntrySource.FeesOf(window.Date), window.Date, false, fees, null, null, now, now);

        var carried = Book.Windows.Values.Where(w => w.AwaitsCarrying && w.Date < window.Date).ToList();
        var all = carried.Select(c => c.Date).Append(window.Date).SelectMany(d => MovementsOf(d)).ToList();
        var current = Book.Find(window.Date)!;
        var report = SettlementCalculator.Report(
            window.Date, all, policy.Fees, current.CutOffAt, now, current.LateEntries + carried.Sum(c => c.LateEntries), carried.Select(c => c.Date).ToList());
        if (payees is not null)
        {
            report = PayoutAllocation.Apply(report, payees, released);
            foreach (var p in report.Payees!.Where(p => p.Released != Money.Zero))
            {
                released[(p.City, p.Operator)] = released.GetValueOrDefault((p.City, p.Operator)) + p.Released;
            }
        }

        Set(current with { Status = WindowStatus.Closed, ClosedAt = now, Settlement = report, ClosedCheckpoint = Checkpoint });
        foreach (var c in carried)
        {
            Set(c with { CarriedInto = window.Date });
        }
    }

    public ClearingChange Build()
    {
        var all = start.Movements.SetItems(movements.Select(m => KeyValuePair.Create(m.Key, m.Value.ToImmutable()))).RemoveRange(dropped);
        var state = new ClearingState(Checkpoint, Book, all) { Holds = activeHolds };
        return new ClearingChange(state, entries, deltas, changed.Values.ToList(), CapCrossings(state).ToList(), events, CaughtUp)
        {
            ChangedHolds = [.. holds.Values],
            BrokenChains = broken,
            HeldEvents = heldEvents,
        };
    }

    private IEnumerable<NetDebitCapCrossing> CapCrossings(ClearingState after)
    {
        if (policy.NetDebitCaps.Count == 0)
        {
            return [];
        }

        return movements.Keys
            .Where(d => after.Book.Find(d) is { Status: WindowStatus.Open or WindowStatus.Closing })
            .SelectMany(d => NetDebitCap.Crossings(d, start.RunningNets(d), after.RunningNets(d), policy.NetDebitCaps));
    }
}
