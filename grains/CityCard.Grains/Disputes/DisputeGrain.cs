using CityCard.Contracts;
using CityCard.Domain.Disputes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityCard.Grains.Disputes;

/// <summary>
/// One dispute case. Thin: it asks the card for the facts a command needs (the charge, the stream's verification),
/// lets the pure <see cref="DisputeDecider"/> decide, appends with the expected version, and folds. Its one piece of
/// choreography: an upheld case asks the card for the refund, under one operation id per case, and records the
/// card's answer; if it dies in between, the next call on the case finishes asking.
/// </summary>
public sealed partial class DisputeGrain(
    IDisputeStore store,
    TimeProvider clock,
    IOptions<DisputeOptions> options,
    ILogger<DisputeGrain> logger) : Grain, IDisputeGrain
{
    private const int MaxDecisionAttempts = 3;

    private readonly DisputePolicy policy = options.Value.ToPolicy();
    private DisputeState state = null!;

    private string CaseId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<DisputeResult> Open(OpenDisputeRequest request)
    {
        var charge = request.Card.IsEmpty || request.ChargeOperationId is null
            ? null
            : await Card(request.Card).GetCharge(request.ChargeOperationId);
        return await ExecuteAsync(request, () => Task.FromResult(new DisputeFacts(charge, null)));
    }

    public Task<DisputeResult> Review(ReviewDisputeRequest request) => ExecuteAsync(request, () => Task.FromResult(DisputeFacts.None));

    public Task<DisputeResult> Uphold(UpholdDisputeRequest request) => ExecuteAsync(request, async () => state.Opened is { } o
        ? new DisputeFacts(await Card(o.Card).GetCharge(o.ChargeOperationId), await Card(o.Card).VerifyStream())
        : DisputeFacts.None);

    public Task<DisputeResult> Reject(RejectDisputeRequest request) => ExecuteAsync(request, async () => state.Opened is { } o
        ? new DisputeFacts(null, await Card(o.Card).VerifyStream())
        : DisputeFacts.None);

    public async Task<DisputeCase?> Get()
    {
        await FinishRefundAsync();
        return state.ToView();
    }

    private async Task<DisputeResult> ExecuteAsync(DisputeRequest request, Func<Task<DisputeFacts>> facts)
    {
        await FinishRefundAsync();
        for (var attempt = 1; ; attempt++)
        {
            var current = state;
            switch (DisputeDecider.Decide(current, request, await facts(), clock.GetUtcNow(), policy))
            {
                case DisputeDecision.Reject reject:
                    return DisputeResult.Rejected(CaseId, request.OperationId, reject.Code, reject.Detail, current.ToView());
                case DisputeDecision.Replay:
                    return new DisputeResult(CaseId, request.OperationId, OperationStatus.Accepted, null, null, current.ToView(), true);
                case DisputeDecision.Append append when await AppendAsync(current, append.Event):
                    await FinishRefundAsync();
                    return new DisputeResult(CaseId, request.OperationId, OperationStatus.Accepted, null, null, state.ToView(), false);
                case DisputeDecision.Append when attempt < MaxDecisionAttempts:
                    LogVersionConflict(logger, CaseId, current.Version);
                    await LoadAsync();
                    continue;
                default:
                    throw new InvalidOperationException($"Case {CaseId} kept losing the race to append after {attempt} attempts.");
            }
        }
    }

    /// <summary>An upheld case whose refund the card has not answered yet asks it (again: the same operation id pays once).</summary>
    private async Task FinishRefundAsync()
    {
        if (DisputeDecider.RefundToAsk(state) is not { } refund)
        {
            return;
        }

        var answer = await Card(state.Opened!.Card).RefundCharge(refund);
        if (!answer.IsAccepted)
        {
            LogRefundRefused(logger, CaseId, answer.Rejection!.Value);
        }

        if (DisputeDecider.RecordRefund(state, answer, clock.GetUtcNow()) is DisputeDecision.Append append && !await AppendAsync(state, append.Event))
        {
            // Another activation recorded the outcome first; its record stands.
            await LoadAsync();
        }
    }

    private async Task<bool> AppendAsync(DisputeState current, DisputeEvent e)
    {
        var next = DisputeEvolver.Evolve(current, e);
        try
        {
            if (!await store.AppendAsync(CaseId, current.Version, [e], next))
            {
                return false;
            }
        }
        catch
        {
            // Whether it landed is unknown: forget the state, so the next call reloads the truth.
            DeactivateOnIdle();
            throw;
        }

        state = next;
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken = default) =>
        state = DisputeEvolver.Fold(DisputeState.Initial(CaseId), await store.LoadAsync(CaseId, cancellationToken));

    private ICardGrain Card(CardNumber card) => GrainFactory.GetGrain<ICardGrain>(card.Value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispute case {Case} lost an append race at version {Version}; reloading and deciding again")]
    private static partial void LogVersionConflict(ILogger logger, string @case, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispute case {Case} was upheld but the card refused the refund: {Code}; settle it by hand")]
    private static partial void LogRefundRefused(ILogger logger, string @case, RejectionCode code);
}
