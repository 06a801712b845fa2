using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Grains.Cards;

/// <summary>
/// Replacement touches two streams, so it runs as three idempotent steps, each safe to repeat with the same
/// operation id: (1) the new card claims its number, (2) the old card records that it gave up its money,
/// (3) the new card receives it. Dying between any two steps leaves no fen lost or doubled: the money sits either
/// on the old card (before 2) or "in transit" named by the old card's event (after 2), and a retry finishes the job.
/// </summary>
public sealed partial class CardGrain
{
    public async Task<CardOperationResult> Replace(ReplaceCardRequest request)
    {
        if (state is not null && state.OutgoingReplacement is null
            && CardDecider.Decide(state, request, clock.GetUtcNow(), policies) is CardDecision.Append)
        {
            var claim = await NewCard(request).ClaimReplacement(new ClaimReplacementRequest(request.OperationId, card, state.Product!.Value));
            if (!claim.IsAccepted)
            {
                return claim with { Balance = state.Balance, CardStatus = state.Status, Version = state.Version, IsReplay = false };
            }
        }

        var result = await Execute("replace", request);
        if (result.IsAccepted && state?.OutgoingReplacement is { } transfer && transfer.OperationId == request.OperationId)
        {
            await NewCard(request).ReceiveReplacementFunds(
                new ReceiveReplacementFundsRequest(transfer.OperationId, card, transfer.Balance, transfer.Deposit));
        }

        return result;
    }

    private ICardGrain NewCard(ReplaceCardRequest request) => GrainFactory.GetGrain<ICardGrain>(request.NewCard.Value);
}
