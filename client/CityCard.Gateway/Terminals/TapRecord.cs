using CityCard.Contracts;

namespace CityCard.Gateway.Terminals;

/// <summary>
/// One record of a terminal batch as read: either a charge ready for its card, or the reason it cannot be one.
/// </summary>
/// <param name="Number">1-based position among the batch's records.</param>
/// <param name="Line">1-based line of the upload.</param>
public sealed record TapRecord(int Number, int Line, string? CardText, CardNumber? Card, ChargeRequest? Request, string? InvalidCode, string? Detail)
{
    public bool IsValid => Request is not null;

    public static TapRecord Invalid(int number, int line, string? card, string code, string detail) =>
        new(number, line, card, null, null, code, detail);
}

/// <summary>A batch as read: its records, or the one reason the whole batch is refused (then nothing is processed).</summary>
public sealed record TapBatch(IReadOnlyList<TapRecord> Records, string? ProblemCode, string? ProblemDetail)
{
    public static TapBatch Refused(string code, string detail) => new([], code, detail);
}
