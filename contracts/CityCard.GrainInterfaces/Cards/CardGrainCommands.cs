namespace CityCard.Contracts;

/// <summary>
/// The card's commands by name, for readable call sites: each is <see cref="ICardGrain.Execute"/> with its request.
/// A convenience only; a new operation needs no line here (callers may send its request to Execute directly).
/// </summary>
public static class CardGrainCommands
{
    public static Task<CardOperationResult> Issue(this ICardGrain card, IssueCardRequest request) => card.Execute(request);

    public static Task<CardOperationResult> TopUp(this ICardGrain card, TopUpRequest request) => card.Execute(request);

    public static Task<CardOperationResult> Charge(this ICardGrain card, ChargeRequest request) => card.Execute(request);

    public static Task<CardOperationResult> ReverseCharge(this ICardGrain card, ReverseChargeRequest request) => card.Execute(request);

    /// <summary>An upheld dispute case gives back all or part of one charge (with reversals, never more than it cost).</summary>
    public static Task<CardOperationResult> RefundCharge(this ICardGrain card, RefundChargeRequest request) => card.Execute(request);

    public static Task<CardOperationResult> Block(this ICardGrain card, BlockCardRequest request) => card.Execute(request);

    public static Task<CardOperationResult> Unblock(this ICardGrain card, UnblockCardRequest request) => card.Execute(request);

    public static Task<CardOperationResult> Replace(this ICardGrain card, ReplaceCardRequest request) => card.Execute(request);

    public static Task<CardOperationResult> Close(this ICardGrain card, CloseCardRequest request) => card.Execute(request);

    /// <summary>Replacement, grain to grain: claim this (unissued) number for a replacement.</summary>
    public static Task<CardOperationResult> ClaimReplacement(this ICardGrain card, ClaimReplacementRequest request) => card.Execute(request);

    /// <summary>Replacement, grain to grain: receive the balance and deposit of the old card.</summary>
    public static Task<CardOperationResult> ReceiveReplacementFunds(this ICardGrain card, ReceiveReplacementFundsRequest request) => card.Execute(request);

    /// <summary>Sell a pass to the card, paid from its balance (decision 0060).</summary>
    public static Task<CardOperationResult> SellPass(this ICardGrain card, SellPassRequest request) => card.Execute(request);

    /// <summary>Refund one of the card's passes pro rata to its balance.</summary>
    public static Task<CardOperationResult> RefundPass(this ICardGrain card, RefundPassRequest request) => card.Execute(request);

    /// <summary>Apportion the card's pass slices that have ended (decision 0061); NothingToApportion when none.</summary>
    public static Task<CardOperationResult> ApportionPasses(this ICardGrain card, ApportionPassesRequest request) => card.Execute(request);
}
