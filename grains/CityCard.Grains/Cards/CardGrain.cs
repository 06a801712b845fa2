using System.Diagnostics;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Fares;
using CityCard.Domain.Integrity;
using CityCard.Domain.Policies;
using CityCard.Grains.Storage;
using CityCard.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace CityCard.Grains.Cards;

/// <summary>
/// One card. Thin by design: it loads its state from the event store, asks the pure decider what a request does,
/// appends the resulting events with the expected version and folds them in. The only logic of its own is plumbing:
/// retrying a decision after a version conflict, and the two-card choreography of a replacement.
/// </summary>
public sealed partial class CardGrain(
    ICardEventStore store,
    TimeProvider clock,
    PolicySet policies,
    CardTelemetry telemetry,
    ILogger<CardGrain> logger) : Grain, ICardGrain
{
    private const int MaxDecisionAttempts = 3;

    private CardNumber card;
    private CardState? state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A malformed key gets no state and touches no stream; every request is answered MalformedCardNumber.
        if (CardNumber.TryParse(this.GetPrimaryKeyString(), out card) && card.Value == this.GetPrimaryKeyString())
        {
            state = await store.LoadAsync(card, cancellationToken);
        }
    }

    /// <summary>
    /// The one command entry: the request's type is the operation. A replacement runs its two-card choreography and
    /// the funds arriving at a replacement bring the old card's passes; every other request is load → decide → append.
    /// </summary>
    public Task<CardOperationResult> Execute(CardRequest request) => request switch
    {
        ReplaceCardRequest replace => Replace(replace),
        ReceiveReplacementFundsRequest funds => ReceiveReplacementFunds(funds),
        _ => Run(request),
    };

    /// <summary>
    /// The old card's passes come with its money: read from the old card's stream (a replacement is rare), so the
    /// request between the grains stays what it was and the passes are exactly what the old card's events say.
    /// </summary>
    private async Task<CardOperationResult> ReceiveReplacementFunds(ReceiveReplacementFundsRequest request)
    {
        var old = state is null || request.OldCard.IsEmpty ? null : await store.LoadAsync(request.OldCard);
        var carried = old?.OutgoingReplacement is { } transfer && transfer.OperationId == request.OperationId && transfer.NewCard == card ? transfer.Passes : null;
        return await Run(request, carried: carried);
    }

    public Task<CardView> GetView() => Task.FromResult(ValidState().ToView());

    public Task<CardHistory> GetHistory(DateTimeOffset? asOf) => Replay(new ReplayPoint(asOf));

    public async Task<CardHistory> Replay(ReplayPoint point)
    {
        ValidState();
        return CardHistoryBuilder.Build(card, await store.ReadChainAsync(card), point);
    }

    public async Task<StreamVerification> VerifyStream()
    {
        ValidState();
        return StreamVerifier.Verify(card, await store.ReadChainAsync(card));
    }

    public Task<ChargeView?> GetCharge(string chargeOperationId)
    {
        var s = ValidState();
        return Task.FromResult(s.Charges.TryGet(chargeOperationId ?? string.Empty, out var c)
            ? new ChargeView(card, chargeOperationId!, c.Amount, c.Paid, c.Reversed, c.Refunded, c.Reversible, c.Tap.AcquirerCity, c.Tap.Category, c.Tap.MerchantId, c.Tap.TappedAt, c.RecordedAt)
            : null);
    }

    /// <summary>Queries have no rejection code to answer with; a malformed key is the caller's bug, and says so.</summary>
    private CardState ValidState() =>
        state ?? throw new ArgumentException($"'{this.GetPrimaryKeyString()}' is not a card number; check it with CardNumber.TryParse first.");

    /// <summary>
    /// Load → decide → append → evolve for one request. <paramref name="beforeAppend"/>, if any, runs once the decider
    /// has decided to append and before the append; a result from it is the answer instead (nothing is appended).
    /// <paramref name="carried"/> are the passes a replacement brings from the card it replaces.
    /// </summary>
    private async Task<CardOperationResult> Run(
        CardRequest request, Func<CardState, Task<CardOperationResult?>>? beforeAppend = null, CarriedPasses? carried = null)
    {
        var operation = CardOperationNames.Of(request);
        using var activity = CardTelemetry.Source.StartActivity($"card.{operation}");
        activity?.SetTag("citycard.card", this.GetPrimaryKeyString());
        activity?.SetTag("citycard.operation_id", request.OperationId);
        var started = Stopwatch.GetTimestamp();

        var result = state is null
            ? CardOperationResult.Rejected(request.OperationId, RejectionCode.MalformedCardNumber, $"'{this.GetPrimaryKeyString()}' is not a card number.")
            : await DecideAndRecord(request, beforeAppend, carried);

        activity?.SetTag("citycard.outcome", result.Status.ToString());
        if (result.Rejection is { } code)
        {
            activity?.SetTag("citycard.rejection", code.ToString());
        }

        var (city, category) = CardOperationNames.Where(request);
        var cityTag = city is { } c && Enum.IsDefined(c) ? c : (state?.Issuer ?? City.ZG);
        telemetry.Record(operation, cityTag, category is { } cat && Enum.IsDefined(cat) ? cat : null, result, Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<CardOperationResult> DecideAndRecord(
        CardRequest request, Func<CardState, Task<CardOperationResult?>>? beforeAppend, CarriedPasses? carried)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = state!;
            var decision = CardDecider.Decide(current, request, clock.GetUtcNow(), policies, carried);
            switch (decision)
            {
                case CardDecision.Reject { Code: RejectionCode.CardNotIssued } when current.Version == 0 && attempt == 1:
                    // The card may have been issued in bulk since this activation read its empty stream (bulk issuance
                    // writes streams without a grain call per card): read it once more before saying it was not.
                    state = await store.LoadAsync(card);
                    continue;

                case CardDecision.Reject reject:
                    return Rejected(current, request.OperationId, reject.Code, reject.Detail);

                case CardDecision.Replay replay:
                    return FromRecord(replay.First, isReplay: true);

                case CardDecision.Append append:
                    if (beforeAppend is not null && await beforeAppend(current) is { } instead)
                    {
                        return instead;
                    }

                    var staged = CardAppend.Of(current, append.Events);
                    var next = staged.StateAfter;
                    var outcome = await AppendOrFault(staged);
                    switch (outcome.Outcome)
                    {
                        case AppendOutcome.Appended:
                            state = next;
                            return FromRecord(next.Operations[request.OperationId], isReplay: false);
                        case AppendOutcome.DuplicateOperation:
                            return await ReplayFromStore(request);
                        case AppendOutcome.VersionConflict when attempt < MaxDecisionAttempts:
                            LogVersionConflict(logger, card.Value, current.Version);
                            state = await store.LoadAsync(card);
                            continue;
                        default:
                            throw new InvalidOperationException($"Card {card} kept losing the race to append after {attempt} attempts.");
                    }

                default:
                    throw new InvalidOperationException($"Unknown decision {decision.GetType().Name}.");
            }
        }
    }

    /// <summary>
    /// If the store faults, this activation can no longer know whether the append landed; it deactivates so the
    /// next call reloads the truth from the stream, and the caller's retry (same operation id) is answered from it.
    /// </summary>
    private async Task<AppendResult> AppendOrFault(CardAppend append)
    {
        try
        {
            return await store.AppendAsync(append);
        }
        catch
        {
            state = null;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>An id older than the card's memory was reused: answer from the stream as it was when first recorded.</summary>
    private async Task<CardOperationResult> ReplayFromStore(CardRequest request)
    {
        var registered = await store.FindOperationAsync(card, request.OperationId)
            ?? throw new InvalidOperationException($"Operation '{request.OperationId}' was reported duplicate but is not registered on {card}.");
        if (registered.Fingerprint != OperationFingerprint.Of(request))
        {
            return Rejected(state!, request.OperationId, RejectionCode.OperationConflict, $"Operation '{request.OperationId}' was already used for a different request.");
        }

        // The operation's own event and the fare adjustments appended with it (same operation id, at most one per ride
        // remembered), so the answer is the balance after all of them, as the first answer was.
        var events = await store.ReadAsync(card, registered.Version + FareLimits.MaxRememberedRides);
        var upTo = registered.Version;
        while (upTo < events.Count && events[(int)upTo].OperationId == request.OperationId)
        {
            upTo++;
        }

        var past = CardEvolver.Fold(CardState.Initial(card), events.Take((int)upTo));
        return FromRecord(past.Operations[request.OperationId], isReplay: true);
    }

    private static CardOperationResult FromRecord(OperationRecord record, bool isReplay) =>
        new(record.OperationId, record.Status, record.Rejection, record.Rejection?.ToString(), record.BalanceAfter, record.StatusAfter, record.Version, isReplay, record.Charged);

    private static CardOperationResult Rejected(CardState current, string operationId, RejectionCode code, string detail) =>
        new(operationId, OperationStatus.Rejected, code, detail, current.Balance, current.Status, current.Version, false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card {Card} lost an append race at version {Version}; reloading and deciding again")]
    private static partial void LogVersionConflict(ILogger logger, string card, long version);
}
