using System.Net;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Tests.Infrastructure;
using Microsoft.OpenApi;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// The served OpenAPI document, read and validated by Microsoft.OpenApi (no error allowed), and checked as a contract:
/// an operationId on every operation (unique), 401/403/429 wherever a key is needed, every path parameter declared
/// with a pattern, string enums, Money as int64 fen, the problem schema with code and traceId, examples, the
/// Idempotent-Replayed header, the batch media types.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class The_openapi_document_is_a_contract(GatewayFixture gateways)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_document_reads_and_validates_without_an_error()
    {
        var text = await ServedAsync();
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json");
        Assert.NotNull(document);
        Assert.True(diagnostic is null || diagnostic.Errors.Count == 0, "Read errors:\n" + string.Join("\n", diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        var errors = document.Validate(ValidationRuleSet.GetDefaultRuleSet()).ToList();
        Assert.True(errors.Count == 0, "Validation errors:\n" + string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [Fact]
    public async Task Every_operation_is_named_and_declares_what_it_can_answer()
    {
        using var json = JsonDocument.Parse(await ServedAsync());
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations(json.RootElement))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            if (!operation.TryGetProperty("operationId", out var id) || string.IsNullOrEmpty(id.GetString()))
            {
                failures.Add($"{where}: no operationId");
            }
            else if (!names.Add(id.GetString()!))
            {
                failures.Add($"{where}: operationId {id} used twice");
            }

            var responses = operation.GetProperty("responses");
            if (operation.TryGetProperty("security", out _))
            {
                foreach (var status in new[] { "401", "403", "429", "503" })
                {
                    if (!responses.TryGetProperty(status, out var response))
                    {
                        failures.Add($"{where}: {status} not declared");
                    }
                    else if (!response.GetProperty("content").GetProperty("application/problem+json").TryGetProperty("examples", out _))
                    {
                        failures.Add($"{where}: {status} without an example");
                    }
                }
            }

            foreach (var segment in path.Split('/').Where(s => s.StartsWith('{')))
            {
                var name = segment.Trim('{', '}');
                var declared = operation.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().FirstOrDefault(p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == "path")
                    : default;
                if (declared.ValueKind != JsonValueKind.Object || !declared.GetProperty("required").GetBoolean() || !declared.GetProperty("schema").TryGetProperty("pattern", out _))
                {
                    failures.Add($"{where}: path parameter {name} not declared with a pattern");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(names.Count >= 30, $"Only {names.Count} operations");
    }

    [Fact]
    public async Task The_schemas_say_what_the_gateway_writes()
    {
        using var json = JsonDocument.Parse(await ServedAsync());
        var root = json.RootElement;
        var schemas = root.GetProperty("components").GetProperty("schemas");

        var problem = schemas.GetProperty("ProblemDetails");
        Assert.True(problem.GetProperty("properties").TryGetProperty("code", out _));
        Assert.True(problem.GetProperty("properties").TryGetProperty("traceId", out _));

        var view = schemas.GetProperty("CardView").GetProperty("properties");
        Assert.Equal("int64", Resolve(schemas, view.GetProperty("balance")).GetProperty("format").GetString());
        Assert.Contains("integer", Resolve(schemas, view.GetProperty("balance")).GetProperty("type").GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Reference.OpenApiContract.CardPattern, Resolve(schemas, view.GetProperty("card")).GetProperty("pattern").GetString());
        Assert.True(Resolve(schemas, view.GetProperty("product")).TryGetProperty("pattern", out _));
        var status = Resolve(schemas, view.GetProperty("status"));
        Assert.Equal(Enum.GetNames<CardStatus>().Order(), status.GetProperty("enum").EnumerateArray().Select(e => e.GetString()).OfType<string>().Order());

        var topUp = root.GetProperty("paths").GetProperty("/v1/cards/{card}/top-ups").GetProperty("post");
        Assert.True(topUp.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _));
        Assert.Contains(topUp.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");

        var batch = root.GetProperty("paths").GetProperty("/v1/tap-batches").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.True(batch.TryGetProperty("text/csv", out _));
        Assert.True(batch.TryGetProperty("application/x-ndjson", out _));
    }

    [Fact]
    public async Task The_document_is_public_and_has_no_host_header_in_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "openapi/v1.json");
        request.Headers.Host = "localhost";
        var response = await gateways.Http(City.ZG).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("localhost", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal async Task<string> ServedAsync()
    {
        var response = await gateways.Http(City.ZG).GetAsync("openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        return text;
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        // A nullable reference is written as allOf/oneOf/anyOf [{$ref}, {type: null}].
        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(combinator, out var parts))
            {
                return Resolve(schemas, parts.EnumerateArray().First(p => p.TryGetProperty("$ref", out _)));
            }
        }

        return schema;
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                yield return (path.Name, method.Name, method.Value);
            }
        }
    }
}
