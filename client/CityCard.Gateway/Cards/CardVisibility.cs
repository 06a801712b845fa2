using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Cards;

/// <summary>
/// What a refusal may tell a caller who may not read the card (<see cref="GatewayOperation.ViewCard"/>): a terminal's
/// key on any card, a service desk's on another city's card. Such a caller's rejected request (nothing recorded) gets
/// the code and a fixed detail, never the card's balance, status or version; and every rejection that only describes
/// the card's state (not issued, blocked, replaced, closed, awaiting a replacement's funds) becomes one code,
/// <see cref="ProblemCodes.CardUnavailable"/>, so an unknown card answers exactly as a known card it may not use and
/// card numbers cannot be enumerated. Input errors are checked before the card's state (see CardDecider), so they too
/// answer alike for known and unknown cards. A recorded outcome (an accepted or refused tap) still shows the balance
/// after it, as a gate's display does (docs/decisions/0074).
/// </summary>
public static class CardVisibility
{
    private static readonly HashSet<RejectionCode> StateOfTheCard =
    [
        RejectionCode.CardNotIssued,
        RejectionCode.CardBlocked,
        RejectionCode.CardReplaced,
        RejectionCode.CardClosed,
        RejectionCode.ReplacementPending,
    ];

    public const string UnavailableDetail = "The card cannot take this operation now; nothing was recorded.";

    /// <summary>True when the caller of <paramref name="http"/> may read the card in its route.</summary>
    public static bool MayView(HttpContext http) =>
        AccessRules.Check(http.Caller(), http.RequestServices.GetRequiredService<GatewaySettings>().City, GatewayOperation.ViewCard, http.Card().Issuer) is null;

    /// <summary>True when <paramref name="code"/> says no more than the card's state: what a non-reader is not told.</summary>
    public static bool DescribesTheCard(RejectionCode code) => StateOfTheCard.Contains(code);

    /// <summary>The code and detail a caller who may not read the card is given for a rejection.</summary>
    public static (string Code, int Status, string Detail) ForNonReader(RejectionCode code) =>
        DescribesTheCard(code)
            ? (ProblemCodes.CardUnavailable, StatusCodes.Status422UnprocessableEntity, UnavailableDetail)
            : (code.ToString(), RejectionStatus.For(code), $"Refused ({code}); nothing was recorded.");
}
