using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Terminals;

/// <summary>Turns one read record into the card's charge request, deriving its operation id when it has none.</summary>
public static class TapRecordBuilder
{
    public static TapRecord Build(int number, int line, OfflineTapRecord r, City acquirer)
    {
        if (!CardNumber.TryParse(r.Card, out var card))
        {
            return TapRecord.Invalid(number, line, r.Card, nameof(RejectionCode.MalformedCardNumber), "The card number has the wrong letters, length or check digit.");
        }

        if (!TerminalId.TryParse(r.TerminalId, out _))
        {
            return TapRecord.Invalid(number, line, card.Value, nameof(RejectionCode.InvalidTerminalId), $"A terminal id is 1 to {TerminalId.MaxLength} {Identifier.Characters}");
        }

        if (r.TerminalSequence < 0)
        {
            return TapRecord.Invalid(number, line, card.Value, nameof(RejectionCode.InvalidTerminalSequence), "A terminal sequence number is zero or more.");
        }

        string operationId;
        if (string.IsNullOrEmpty(r.OperationId))
        {
            operationId = OperationIds.ForTap(acquirer, r.TerminalId, r.TerminalSequence);
        }
        else if (OperationIds.IsValidKey(r.OperationId))
        {
            operationId = OperationIds.For(acquirer, r.OperationId);
        }
        else
        {
            return TapRecord.Invalid(number, line, card.Value, nameof(RejectionCode.InvalidOperationId), $"An operation id is 1 to {OperationIds.MaxKeyLength} {Identifier.Characters}");
        }

        return new TapRecord(number, line, card.Value, card, Cards.ChargeRequests.From(r, operationId, acquirer), null, null);
    }
}
