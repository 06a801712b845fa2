using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using System.Net;
using System.Text;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;
using CityCard.Gateway.Terminals;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CityCard.Gateway.Reference;

/// <summary>
/// A small static HTML reference, rendered from the endpoints' own metadata and the code tables, so it cannot drift
/// from what the gateway does. Every problem's <c>type</c> links to its row here (/docs#Code).
/// </summary>
public static class ReferencePage
{
    public static string Render(IEnumerable<Endpoint> endpoints, City city)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>CityCard gateway ")
            .Append(city).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;line-height:1.45}")
            .Append("table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}")
            .Append("th{background:#f3f3f3}code,pre{background:#f6f6f6;padding:.1rem .3rem}pre{padding:.6rem;overflow:auto}:target{background:#fff3c4}")
            .Append("</style></head><body>");
        html.Append("<h1>CityCard gateway: ").Append(city).Append("</h1>");
        html.Append("<p>This city's HTTP API to the CityCard cluster. Machine-readable: <a href=\"/openapi/v1.json\">/openapi/v1.json</a>. ")
            .Append("Authenticate every call with <code>X-Api-Key: {keyId}.{secret}</code>; each key has one city and one role. ")
            .Append("The region's clearing keys (role clearing) work at every gateway. ")
            .Append(CultureInfo.InvariantCulture, $"Mutating calls need <code>Idempotency-Key</code> (1–{OperationIds.MaxKeyLength} of <code>A-Z a-z 0-9 . _ : -</code>): a retry returns the first outcome ")
            .Append("with <code>Idempotent-Replayed: true</code>. Amounts are integer fen. A 2xx means the card recorded the operation ")
            .Append("(accepted, or a tap refused with <code>status: Refused</code> and its <code>refusal</code>); a 4xx means nothing changed.</p>")
            .Append("<p>Without a valid key every request but <code>GET /health</code>, <code>/docs</code> and <code>/openapi/v1.json</code> is 401, ")
            .Append("whatever else is wrong with it and wherever it goes; a key that may not do an operation is 403 before anything else is read. ")
            .Append("Times are ISO 8601 with seconds and an explicit offset (<code>").Append(E(WireTime.Example)).Append("</code> or <code>…Z</code>), ")
            .Append("years ").Append(WireTime.FirstYear).Append(" to ").Append(WireTime.LastYear)
            .Append("; a time without an offset or a bare date is <a href=\"#InvalidTime\">InvalidTime</a> in a body, a batch record or a query alike. ")
            .Append("Every error is <code>application/problem+json</code> with a named <code>code</code>, even one the web server answers before the API ")
            .Append("(a request line of more than ").Append(ServerLimits.MaxRequestLineBytes).Append(" bytes, headers over ")
            .Append(ServerLimits.MaxRequestHeadersBytes / 1024).Append(" KiB or ").Append(ServerLimits.MaxRequestHeaderCount)
            .Append(", a NUL in the path). HTTP/1.1 only.</p>");

        AppendEndpoints(html, endpoints);
        AppendBatch(html);
        AppendCodes(html);
        AppendExamples(html);
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendEndpoints(StringBuilder html, IEnumerable<Endpoint> endpoints)
    {
        html.Append("<h2>Endpoints</h2><table><tr><th>method</th><th>path</th><th>what</th><th>roles</th><th>cards</th><th>Idempotency-Key</th></tr>");
        var rows = endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Access: e.Metadata.GetMetadata<AccessMetadata>()))
            .Where(x => x.Access is not null)
            .OrderBy(x => x.Endpoint.RoutePattern.RawText, StringComparer.Ordinal);
        foreach (var (endpoint, access) in rows)
        {
            var rule = AccessRules.Table[access!.Operation];
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            html.Append("<tr><td>").Append(E(string.Join(",", methods)))
                .Append("</td><td><code>").Append(E(Pattern(endpoint.RoutePattern))).Append("</code></td><td>")
                .Append(E(endpoint.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? access.Operation.ToString()))
                .Append("</td><td>").Append(E(string.Join(", ", rule.Roles.Select(r => r.Name()))))
                .Append("</td><td>").Append(rule.Scope switch { CardScope.OwnCards => "this city's", CardScope.NoCard => "—", _ => "any" })
                .Append("</td><td>").Append(endpoint.Metadata.GetMetadata<IdempotentMetadata>() is null ? "" : "required")
                .Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendBatch(StringBuilder html)
    {
        html.Append("<h2>Terminal batches</h2><p><code>POST /v1/tap-batches</code> with <code>Content-Type: application/x-ndjson</code> ")
            .Append("(one JSON object per line) or <code>text/csv</code> (a header line, then one tap per line, fields never quoted), UTF-8 ")
            .Append("(a leading byte-order mark is dropped). ")
            .Append("Columns / fields: <code>").Append(E(string.Join(",", CsvTapReader.Columns))).Append("</code>; required: <code>")
            .Append(E(string.Join(",", CsvTapReader.RequiredColumns))).Append("</code>. A ride (Bus, Coach, Rail, Bike) has no amount and names its ")
            .Append("route or stations (in JSON Lines as a <code>ride</code> object); a purchase has an amount and no ride. An empty CSV field is an absent one. ")
            .Append("At most ").Append(TapBatchLimits.MaxRecords).Append(" records, ").Append(TapBatchLimits.MaxBytes / 1024).Append(" KiB, ")
            .Append(TapBatchLimits.MaxLineLength).Append(" characters a line. ")
            .Append("Without an operationId a tap's id is <code>{city}:tap:{terminalId}:{terminalSequence}</code>. ")
            .Append("Each record comes back <code>Accepted</code>, <code>Refused</code> (with the card's code), <code>Duplicate</code> ")
            .Append("(already recorded: never charged twice), <code>Rejected</code> (the card refused it without a trace) or ")
            .Append("<code>Invalid</code> (unreadable). Uploading the same batch again is always safe.</p>");
    }

    private static void AppendCodes(StringBuilder html)
    {
        html.Append("<h2>Problem codes</h2><table><tr><th>code</th><th>status</th><th>meaning</th></tr>");
        foreach (var (code, status, meaning) in ProblemCodes.Catalog)
        {
            Row(html, code, status, meaning);
        }

        foreach (var code in Enum.GetValues<RejectionCode>())
        {
            Row(html, code.ToString(), RejectionStatus.For(code), "Refused by the card; nothing recorded. See docs/concepts/cards.md.");
        }

        // A few clearing codes share a card code's name and status (OperationConflict…): one row each.
        foreach (var code in Enum.GetValues<ClearingRejection>().Where(c => !Enum.GetNames<RejectionCode>().Contains(c.ToString())))
        {
            Row(html, code.ToString(), Clearing.ClearingRejectionStatus.For(code), "Refused by the clearing house; nothing recorded. See docs/concepts/settlement.md.");
        }

        // Dispute codes that are neither a card's, the clearing house's nor the gateway's (NotCardIssuer, a 403 either
        // way): one row each, so every code is one anchor.
        var named = Enum.GetNames<RejectionCode>().Concat(Enum.GetNames<ClearingRejection>()).Concat(ProblemCodes.Catalog.Select(c => c.Code)).ToHashSet(StringComparer.Ordinal);
        foreach (var code in Enum.GetValues<DisputeRejection>().Where(c => !named.Contains(c.ToString())))
        {
            Row(html, code.ToString(), Disputes.DisputeRejectionStatus.For(code), "Refused by the dispute case; nothing recorded. See docs/concepts/cards.md#disputes.");
        }

        // The registry's codes that no one above has named (InvalidActor, OperationConflict… are shared): one row each.
        named.UnionWith(Enum.GetNames<DisputeRejection>());
        foreach (var code in Enum.GetValues<RegistryRejection>().Where(c => !named.Contains(c.ToString())))
        {
            Row(html, code.ToString(), Registry.RegistryRejectionStatus.For(code), "Refused by the city's registry of operators and terminals; nothing recorded. See docs/guides/api.md#operators-and-terminals.");
        }

        html.Append("</table>");
    }

    private static void AppendExamples(StringBuilder html)
    {
        html.Append("<h2>Examples</h2><pre>")
            .Append(E("""
                curl -X POST $GW/v1/cards/ZG0000001230/top-ups \
                  -H 'X-Api-Key: zg-desk.S3cret...' -H 'Idempotency-Key: topup-7f3a' \
                  -H 'Content-Type: application/json' -d '{"amount":5000,"channel":"ServiceDesk"}'

                curl -X POST $GW/v1/tap-batches -H 'X-Api-Key: lz-terminal.S3cret...' \
                  -H 'Content-Type: text/csv' --data-binary @taps.csv

                curl $GW/v1/hotlist/changes?since=0 -H 'X-Api-Key: lz-terminal.S3cret...'

                curl -X POST $GW/v1/clearing/windows/2026-11-26/close \
                  -H 'X-Api-Key: region-clearing.S3cret...' -H 'Idempotency-Key: close-1126'

                curl "$GW/v1/clearing/windows/2026-11-26/statement?format=csv" -H 'X-Api-Key: zg-operations.S3cret...'
                """))
            .Append("</pre>");
    }

    private static void Row(StringBuilder html, string code, int status, string meaning) =>
        html.Append("<tr id=\"").Append(E(code)).Append("\"><td><code>").Append(E(code)).Append("</code></td><td>")
            .Append(status).Append("</td><td>").Append(E(meaning)).Append("</td></tr>");

    private static string Pattern(RoutePattern pattern) => pattern.RawText ?? string.Empty;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
