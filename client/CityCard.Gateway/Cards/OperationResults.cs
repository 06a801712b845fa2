using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Cards;

/// <summary>
/// A card's answer as HTTP. Recorded outcomes (accepted, or a refused tap) are 200 with the outcome in the body; a
/// rejection recorded nothing and is a problem with the status of its code. So: 2xx means the card recorded it,
/// 4xx means nothing changed. A retry carries <c>Idempotent-Replayed: true</c>.
/// </summary>
public static class OperationResults
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public static IResult ToHttp(HttpContext http, CardOperationResult r)
    {
        if (r.Status == OperationStatus.Rejected)
        {
            var code = r.Rejection ?? throw new InvalidOperationException("A rejection without a code.");
            if (!CardVisibility.MayView(http))
            {
                // Only the operation id: nothing about the card to a caller who may not read it (CardVisibility).
                var (name, status, detail) = CardVisibility.ForNonReader(code);
                return Problems.Of(status, name, detail, new Dictionary<string, object?> { ["operationId"] = r.OperationId });
            }

            return Problems.Of(code, r.Detail, new Dictionary<string, object?>
            {
                ["operationId"] = r.OperationId,
                ["balance"] = r.Balance.Fen,
                ["cardStatus"] = r.CardStatus.ToString(),
                ["version"] = r.Version,
            });
        }

        if (r.IsReplay)
        {
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return TypedResults.Ok(ToResponse(r));
    }

    public static CardOperationResponse ToResponse(CardOperationResult r) =>
        new(r.OperationId, r.Status, r.Status == OperationStatus.Refused ? r.Rejection : null, r.Balance.Fen, r.CardStatus, r.Version, r.IsReplay, r.Charged?.Fen);
}
