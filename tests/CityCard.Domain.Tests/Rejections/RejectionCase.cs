namespace CityCard.Domain.Tests.Rejections;

/// <summary>
/// One row of the rejection table: a card's history, a request, and the code it must be refused with.
/// <see cref="Recorded"/> rows are taps on an issued card: the refusal is recorded as one <see cref="ChargeRefused"/>.
/// </summary>
public sealed record RejectionCase(
    string Name,
    CardNumber Card,
    IReadOnlyList<CardEvent> Given,
    CardRequest Request,
    RejectionCode Code,
    bool Recorded)
{
    public DateTimeOffset Now { get; init; } = Clock.Now;

    /// <summary>Refused without trace.</summary>
    public static RejectionCase Rejected(string name, RejectionCode code, CardRequest request, params CardEvent[] given) =>
        new(name, Numbers.Zigong, given, request, code, Recorded: false);

    /// <summary>A tap the card refuses, recorded as a <see cref="ChargeRefused"/>.</summary>
    public static RejectionCase Refused(string name, RejectionCode code, ChargeRequest request, params CardEvent[] given) =>
        new(name, Numbers.Zigong, given, request, code, Recorded: true);

    public RejectionCase OnCard(CardNumber card) => this with { Card = card };

    public override string ToString() => $"{Code}: {Name}";
}
