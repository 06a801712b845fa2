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
    private async Task<CardOperationResult> Replace(ReplaceCardRequest request)
    {
        // Step 1 runs between the decision and its append, once the card has decided to give up its number: decided
        // once, never as a dry run first. After a version conflict the card decides again and claims again (the
        // claim is idempotent under the same operation id).
        var result = await Run(request, beforeAppend: async current =>
        {
            if (current.OutgoingReplacement is not null)
            {
                return null;
            }

            var claim = await NewCard(request).ClaimReplacement(new ClaimReplacementRequest(request.OperationId, card, current.Product!.Value));
            return claim.IsAccepted ? null : claim with { Balance = current.Balance, CardStatus = current.Status, Version = current.Version, IsReplay = false };
        });
        if (result.IsAccepted && state?.OutgoingReplacement is { } transfer && transfer.OperationId == request.OperationId)
        {
            await NewCard(request).ReceiveReplacementFunds(
                new ReceiveReplacementFundsRequest(transfer.OperationId, card, transfer.Balance, transfer.Deposit));
        }

        return result;
    }

    private ICardGrain NewCard(ReplaceCardRequest request) => GrainFactory.GetGrain<ICardGrain>(request.NewCard.Value);
}
