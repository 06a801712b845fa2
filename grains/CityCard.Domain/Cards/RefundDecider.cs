using CityCard.Contracts;
using static CityCard.Domain.Cards.RequestValidation;

namespace CityCard.Domain.Cards;

/// <summary>
/// Decides a refund of one charge for an upheld dispute case. Reversals (by the acquirer) and refunds (by a case)
/// are both bounded by what the card paid for the charge: together they never give back more.
/// </summary>
internal static class RefundDecider
{
    public static CardDecision Refund(CardState s, RefundChargeRequest r, DateTimeOffset now)
    {
        if (CheckAmount(r.Amount) is { } amount)
        {
            return amount;
        }

        if (!IsValidReason(r.Reason))
        {
            return new CardDecision.Reject(RejectionCode.InvalidReason, $"A reason is 1 to {CardLimits.MaxReasonLength} characters of text.");
        }

        if (!IsValidOperationId(r.ChargeOperationId))
        {
            return new CardDecision.Reject(RejectionCode.InvalidOperationId, "The charge's operation id is malformed.");
        }

        if (!IsIdentifier(r.CaseId, CardLimits.MaxOperationIdLength))
        {
            return new CardDecision.Reject(RejectionCode.InvalidCaseId, $"A case id is 1 to {CardLimits.MaxOperationIdLength} letters, digits or . _ : -");
        }

        // Like a reversal: a blocked card's holder still owns the money, which moves on with a replacement.
        if (s.Status != CardStatus.Blocked && CardDecider.UnlessActive(s) is { } status)
        {
            return status;
        }

        if (!s.Charges.TryGet(r.ChargeOperationId, out var charge) || charge.RecordedAt < now - CardLimits.ChargeMemory)
        {
            return new CardDecision.Reject(RejectionCode.ChargeNotFound, $"Card {s.Card} has no refundable charge '{r.ChargeOperationId}'.");
        }

        return r.Amount > charge.Reversible
            ? new CardDecision.Reject(
                RejectionCode.RefundExceedsCharge,
                $"Charge '{r.ChargeOperationId}' was {charge.Paid.Fen} fen; {charge.Reversed.Fen} reversed and {charge.Refunded.Fen} refunded leave {charge.Reversible.Fen}, not {r.Amount.Fen}.")
            : CardDecision.Of(new ChargeRefunded(
                r.OperationId, now, r.ChargeOperationId, r.Amount, charge.Tap.AcquirerCity, charge.Tap.Category, charge.Tap.MerchantId, charge.Tap.TappedAt, r.CaseId, r.Reason));
    }
}
