using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>
/// Shape checks on request fields, before any rule about the card: limits on every amount and string, and enum
/// values that really exist (a deserializer will happily produce <c>(Category)99</c>).
/// </summary>
public static class RequestValidation
{
    public static bool IsIdentifier(string? text, int maxLength) =>
        !string.IsNullOrEmpty(text) && text.Length <= maxLength && text.All(IsIdentifierChar);

    public static bool IsValidOperationId(string? id) => IsIdentifier(id, CardLimits.MaxOperationIdLength);

    /// <summary>Free text for people (a reason): bounded, non-blank, no control characters.</summary>
    public static bool IsValidReason(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= CardLimits.MaxReasonLength && !text.Any(char.IsControl);

    public static CardDecision.Reject? CheckAmount(Money amount)
    {
        if (!amount.IsPositive)
        {
            return new(RejectionCode.AmountNotPositive, $"The amount must be a positive number of fen, not {amount.Fen}.");
        }

        return amount > CardLimits.MaxOperationAmount
            ? new(RejectionCode.AmountAboveLimit, $"The amount {amount.Fen} fen is above the limit of {CardLimits.MaxOperationAmount.Fen} fen per operation.")
            : null;
    }

    public static CardDecision.Reject? CheckCity(City city) =>
        Enum.IsDefined(city) ? null : new(RejectionCode.UnknownCity, $"'{(int)city}' is not a city of the region.");

    public static CardDecision.Reject? CheckTap(ChargeRequest r, DateTimeOffset now)
    {
        if (CheckAmount(r.Amount) is { } amount)
        {
            return amount;
        }

        if (CheckCity(r.AcquirerCity) is { } city)
        {
            return city;
        }

        if (!Enum.IsDefined(r.Category))
        {
            return new(RejectionCode.UnknownCategory, $"'{(int)r.Category}' is not a category.");
        }

        if (!IsIdentifier(r.MerchantId, CardLimits.MaxMerchantIdLength))
        {
            return new(RejectionCode.InvalidMerchantId, $"A merchant id is 1 to {CardLimits.MaxMerchantIdLength} letters, digits or . _ : -");
        }

        if (!IsIdentifier(r.TerminalId, CardLimits.MaxTerminalIdLength))
        {
            return new(RejectionCode.InvalidTerminalId, $"A terminal id is 1 to {CardLimits.MaxTerminalIdLength} letters, digits or . _ : -");
        }

        if (r.TerminalSequence < 0)
        {
            return new(RejectionCode.InvalidTerminalSequence, "A terminal sequence number is zero or more.");
        }

        if (r.TappedAt > now + CardLimits.TapClockSkew)
        {
            return new(RejectionCode.TapTimeInFuture, $"The tap time {r.TappedAt:O} is in the future.");
        }

        return r.TappedAt < now - CardLimits.MaxTapAge
            ? new(RejectionCode.TapTooOld, $"The tap time {r.TappedAt:O} is older than {CardLimits.MaxTapAge.TotalDays} days.")
            : null;
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';
}
