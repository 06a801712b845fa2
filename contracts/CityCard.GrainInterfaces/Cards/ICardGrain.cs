namespace CityCard.Contracts;

/// <summary>
/// One card, keyed by its card number (<see cref="CardNumber.Value"/>). Its state is derived from its own event
/// stream; every change is appended with the stream's expected version.
/// </summary>
[Alias("citycard.card")]
public interface ICardGrain : IGrainWithStringKey
{
    [Alias("issue")]
    Task<CardOperationResult> Issue(IssueCardRequest request);

    [Alias("top-up")]
    Task<CardOperationResult> TopUp(TopUpRequest request);

    [Alias("charge")]
    Task<CardOperationResult> Charge(ChargeRequest request);

    [Alias("reverse-charge")]
    Task<CardOperationResult> ReverseCharge(ReverseChargeRequest request);

    /// <summary>An upheld dispute case gives back all or part of one charge (with reversals, never more than it cost).</summary>
    [Alias("refund-charge")]
    Task<CardOperationResult> RefundCharge(RefundChargeRequest request);

    [Alias("block")]
    Task<CardOperationResult> Block(BlockCardRequest request);

    [Alias("unblock")]
    Task<CardOperationResult> Unblock(UnblockCardRequest request);

    [Alias("replace")]
    Task<CardOperationResult> Replace(ReplaceCardRequest request);

    [Alias("close")]
    Task<CardOperationResult> Close(CloseCardRequest request);

    /// <summary>Replacement, grain to grain: claim this (unissued) number for a replacement.</summary>
    [Alias("claim-replacement")]
    Task<CardOperationResult> ClaimReplacement(ClaimReplacementRequest request);

    /// <summary>Replacement, grain to grain: receive the balance and deposit of the old card.</summary>
    [Alias("receive-replacement-funds")]
    Task<CardOperationResult> ReceiveReplacementFunds(ReceiveReplacementFundsRequest request);

    /// <summary>Sell a pass to the card, paid from its balance (decision 0060).</summary>
    [Alias("sell-pass")]
    Task<CardOperationResult> SellPass(SellPassRequest request);

    /// <summary>Refund one of the card's passes pro rata to its balance.</summary>
    [Alias("refund-pass")]
    Task<CardOperationResult> RefundPass(RefundPassRequest request);

    /// <summary>Apportion the card's pass slices that have ended (decision 0061); NothingToApportion when none.</summary>
    [Alias("apportion-passes")]
    Task<CardOperationResult> ApportionPasses(ApportionPassesRequest request);

    [Alias("get-view")]
    Task<CardView> GetView();

    /// <summary>Every event up to <paramref name="asOf"/> (recording time; all when null), with the balance after each.</summary>
    [Alias("get-history")]
    Task<CardHistory> GetHistory(DateTimeOffset? asOf);

    /// <summary>The card replayed from its stored events as of a moment and/or a version, with its chain verified.</summary>
    [Alias("replay")]
    Task<CardHistory> Replay(ReplayPoint point);

    /// <summary>Walks the card's stream as stored and checks every event against its hash.</summary>
    [Alias("verify-stream")]
    Task<StreamVerification> VerifyStream();

    /// <summary>One charge the card still remembers (400 days), with what was reversed and refunded of it; null if none.</summary>
    [Alias("get-charge")]
    Task<ChargeView?> GetCharge(string chargeOperationId);
}
