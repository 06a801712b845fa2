using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>Raw requests, for the bodies and headers a typed client would never produce.</summary>
public static class Requests
{
    public static HttpRequestMessage Json(HttpMethod method, string path, string? apiKey, string? idempotencyKey, string? body, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return request;
    }

    /// <summary>
    /// Sends the headers first and the body only once the server asks for it (Expect: 100-continue), as a client
    /// uploading something large should: a server that refuses the body at once (413) then closes the connection
    /// before the client has written bytes it would otherwise be sending into a closed socket.
    /// </summary>
    public static HttpRequestMessage ExpectingContinue(this HttpRequestMessage request)
    {
        request.Headers.ExpectContinue = true;
        return request;
    }

    public static string Now(int minutes = -1) => DateTimeOffset.UtcNow.AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A bus ride at Zigong: no amount, the route; the policy prices it.</summary>
    public static string RideJson(string route = "ZG-1", string? extra = null) =>
        $$"""{"merchantId":"ZG-BUS","category":"Bus","terminalId":"ZG-T-2","terminalSequence":8,"tappedAt":"{{Now()}}","ride":{"route":"{{route}}"}{{extra}}}""";

    /// <summary>A public bike at Zigong, taken 40 minutes ago and returned at <paramref name="endedAt"/> (default: 10 minutes ago).</summary>
    public static string BikeJson(string? tappedAt = null, string? endedAt = null) =>
        $$$"""{"merchantId":"ZG-BIKE","category":"Bike","terminalId":"ZG-K-3","terminalSequence":9,"tappedAt":"{{{tappedAt ?? Now(-40)}}}","ride":{"endedAt":"{{{endedAt ?? Now(-10)}}}"}}""";

    /// <summary>A purchase at a Zigong shop: the merchant's amount, no ride.</summary>
    public static string ChargeJson(long fen, string? tappedAt = null) =>
        $$"""{"amount":{{fen}},"merchantId":"ZG-SHOP","category":"Retail","terminalId":"ZG-T-1","terminalSequence":7,"tappedAt":"{{tappedAt ?? Now()}}"}""";
}
