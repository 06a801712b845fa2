using CityCard.Contracts;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Http;

/// <summary>What the gateway's filters established about a request, for the handler that runs after them.</summary>
public static class GatewayRequest
{
    private const string CallerItem = "citycard.caller";
    private const string CardItem = "citycard.card";
    private const string OperationItem = "citycard.operation-id";

    /// <summary>
    /// The caller whose key <see cref="Authentication"/> accepted; in a handler, also authorised for it by
    /// <see cref="AccessFilter"/>.
    /// </summary>
    public static Caller Caller(this HttpContext http) =>
        http.Items[CallerItem] as Caller ?? throw new InvalidOperationException("The request was not authenticated (a public endpoint has no caller).");

    /// <summary>The authenticated caller, or null on a public endpoint (or before authentication).</summary>
    public static Caller? TryGetCaller(this HttpContext http) => http.Items.TryGetValue(CallerItem, out var caller) ? caller as Caller : null;

    /// <summary>The route's {card}, parsed and checked (set by <see cref="AccessFilter"/>).</summary>
    public static CardNumber Card(this HttpContext http) =>
        http.Items[CardItem] is CardNumber card ? card : throw new InvalidOperationException("The route has no {card}.");

    /// <summary>The operation id from the Idempotency-Key (set by <see cref="IdempotencyFilter"/>).</summary>
    public static string OperationId(this HttpContext http) =>
        http.Items[OperationItem] as string ?? throw new InvalidOperationException("The endpoint has no idempotency filter (call Idempotent).");

    internal static void SetCaller(this HttpContext http, Caller caller) => http.Items[CallerItem] = caller;

    internal static void SetCard(this HttpContext http, CardNumber card) => http.Items[CardItem] = card;

    internal static void SetOperationId(this HttpContext http, string id) => http.Items[OperationItem] = id;
}
