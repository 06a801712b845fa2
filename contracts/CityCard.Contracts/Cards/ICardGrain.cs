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

    [Alias("get-view")]
    Task<CardView> GetView();

    /// <summary>Every event up to <paramref name="asOf"/> (recording time; all when null), with the balance after each.</summary>
    [Alias("get-history")]
    Task<CardHistory> GetHistory(DateTimeOffset? asOf);
}
