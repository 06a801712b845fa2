using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Settlement;

/// <summary>
/// The clearing command on held cards, as a pure decision: release a card whose postings were held when its hash
/// chain broke. Events are immutable, so no compensating event can mend a changed row: the operator restores the row
/// as it was appended (from a backup or the database's log), the card's whole stream then verifies again, and only
/// then does the release post the held events (placed as any event is: late into the current window if their own has
/// closed). See docs/decisions/0035.
/// </summary>
public static class HoldCommands
{
    /// <param name="stream">The card's whole stream as stored, read at the decision, and how it verifies.</param>
    public static CommandOutcome Release(ClearingState state, ReleaseHeldCardRequest r, StreamVerification verification, IReadOnlyList<RecordedCardEvent> stream, DateTimeOffset now, ClearingPolicy policy)
    {
        if (!RequestValidation.IsValidOperationId(r.OperationId))
        {
            return new CommandOutcome.Rejected(ClearingRejection.InvalidOperationId, $"An operation id is 1 to {ClearingLimits.MaxOperationIdLength} letters, digits or . _ : -");
        }

        if (!state.Holds.TryGetValue(r.Card, out var hold))
        {
            return new CommandOutcome.Rejected(ClearingRejection.CardNotHeld, $"The postings of card {r.Card} are not held.");
        }

        if (verification.Break is { } still)
        {
            return new CommandOutcome.Rejected(
                ClearingRejection.ChainStillBroken,
                $"Card {r.Card}'s stream still breaks at version {still.Version} ({still.EventType}, {still.Kind}): restore that event as it was appended, then release.");
        }

        var held = stream.Where(e => hold.Sequences.Contains(e.Sequence)).ToList();
        if (held.Count != hold.Sequences.Count)
        {
            return new CommandOutcome.Rejected(
                ClearingRejection.ChainStillBroken,
                $"Card {r.Card}'s stream no longer has every held event ({held.Count} of {hold.Sequences.Count}): restore them, then release.");
        }

        var change = new ClearingChangeBuilder(state, policy);
        change.Release(hold, held, now, r.OperationId);
        var current = change.Book.CurrentWindow(policy.Calendar.DayOf(now));
        return new CommandOutcome.Accepted(change.Build(), change.Book.Find(current) ?? ClearingWindow.Open(current, policy.Calendar));
    }
}
