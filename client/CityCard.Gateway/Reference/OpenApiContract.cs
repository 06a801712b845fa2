using System.Reflection;
using System.Text.Json.Nodes;
using CityCard.Contracts;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityCard.Gateway.Reference;

/// <summary>
/// What makes the generated document a contract a client can be generated from: every path parameter with its
/// pattern, string enums, Money as int64 fen, patterned card numbers, product codes and ids, an operationId on every
/// operation, the problem schema with the members the gateway sends (<c>code</c>, <c>traceId</c> and the card's own),
/// every status an operation can answer with an example problem, the Idempotent-Replayed and Retry-After headers, and
/// the batch bodies as text of their own media types.
/// </summary>
public static class OpenApiContract
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ProblemMediaType = "application/problem+json";

    private static readonly string IdPattern = $"^[A-Za-z0-9._:-]{{1,{OperationId.MaxLength}}}$";

    /// <summary>The pattern of each path parameter, by name.</summary>
    public static IReadOnlyDictionary<string, (string Pattern, string Description)> PathParameters { get; } = new Dictionary<string, (string, string)>
    {
        ["card"] = (CardPattern, "A card number: the issuing city (ZG, LZ, NJ, YB), nine digits and a check digit."),
        ["chargeKey"] = ($"^[A-Za-z0-9._:-]{{1,{OperationIds.MaxKeyLength}}}$", "The Idempotency-Key the charge was made with."),
        ["window"] = ("^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", "A clearing window: its business date, yyyy-MM-dd (China time)."),
        ["caseId"] = (IdPattern, "A dispute case: the Idempotency-Key it was opened with, as the case's id."),
        ["runId"] = (IdPattern, "A reconciliation run's id."),
        ["city"] = ("^(ZG|LZ|NJ|YB)$", "A city of the region."),
        ["operatorId"] = ($"^[A-Za-z0-9._:-]{{1,{MerchantId.MaxLength}}}$", "A registered operator of the gateway's city (the merchantId its charges name)."),
        ["terminalId"] = ($"^[A-Za-z0-9._:-]{{1,{TerminalId.MaxLength}}}$", "A registered terminal of the gateway's city."),
    };

    public const string CardPattern = "^(ZG|LZ|NJ|YB)[0-9]{10}$";

    /// <summary>String types with a pattern of their own (they are written as plain strings).</summary>
    private static readonly Dictionary<Type, (string Pattern, int MaxLength)> PatternedStrings = new()
    {
        [typeof(CardNumber)] = (CardPattern, CardNumber.Length),
        [typeof(ProductCode)] = ($"^[a-z][a-z0-9-]{{1,{ProductCode.MaxLength - 1}}}$", ProductCode.MaxLength),
        [typeof(OperationId)] = (IdPattern, OperationId.MaxLength),
        [typeof(MerchantId)] = ($"^[A-Za-z0-9._:-]{{1,{MerchantId.MaxLength}}}$", MerchantId.MaxLength),
        [typeof(TerminalId)] = ($"^[A-Za-z0-9._:-]{{1,{TerminalId.MaxLength}}}$", TerminalId.MaxLength),
        [typeof(RouteId)] = ($"^[A-Za-z0-9._:-]{{1,{RouteId.MaxLength}}}$", RouteId.MaxLength),
        [typeof(StationId)] = ($"^[A-Za-z0-9._:-]{{1,{StationId.MaxLength}}}$", StationId.MaxLength),
    };

    public static void Add(OpenApiOptions options, GatewaySettings settings)
    {
        // Values written as plain strings or numbers are inlined where they are used, so a nullable one is
        // {"type":["string","null"],…} rather than a oneOf around a reference, which generators read as an object.
        options.CreateSchemaReferenceId = info => IsInlined(info.Type) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        options.AddDocumentTransformer((document, _, _) =>
        {
            // The address callers use, from settings: never the request's Host header, which anyone can write.
            document.Servers = [new OpenApiServer { Url = settings.PublicUrl?.ToString().TrimEnd('/') ?? "/", Description = $"The {settings.City} gateway" }];
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            Describe(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            Describe(operation, context);
            return Task.CompletedTask;
        });
    }

    private static bool IsInlined(Type declared)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        return type.IsEnum || type == typeof(Money) || PatternedStrings.ContainsKey(type);
    }

    private static void Describe(OpenApiSchema schema, Type declared)
    {
        var nullable = Nullable.GetUnderlyingType(declared) is not null;
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        var orNull = nullable ? JsonSchemaType.Null : 0;
        if (type.IsEnum)
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Format = null;
            schema.Enum = [.. Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)!)];
            if (nullable)
            {
                schema.Enum.Add(null!);
            }
        }
        else if (type == typeof(Money))
        {
            schema.Type = JsonSchemaType.Integer | orNull;
            schema.Format = "int64";
            schema.Description ??= "An amount in fen (1 yuan = 100 fen), a whole number.";
            schema.Properties?.Clear();
        }
        else if (PatternedStrings.TryGetValue(type, out var text))
        {
            schema.Type = JsonSchemaType.String | orNull;
            schema.Pattern = text.Pattern;
            schema.MaxLength = text.MaxLength;
            schema.Properties?.Clear();
        }
        else if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The named code: clients branch on it (see /docs)." };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id, as the gateway's logs have it." };
            schema.Properties["operationId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A card operation's id, when the card refused one." };
            schema.Properties["balance"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The card's balance in fen; only to a caller who may read the card." };
            schema.Properties["cardStatus"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The card's status; only to a caller who may read the card." };
            schema.Properties["version"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "The card stream's version; only to a caller who may read the card." };
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
        }
    }

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var handler = metadata.OfType<MethodInfo>().LastOrDefault();
        var tag = operation.Tags?.FirstOrDefault()?.Name ?? "gateway";
        operation.OperationId ??= Camel(tag.Replace(" ", string.Empty, StringComparison.Ordinal)) + (handler?.Name ?? "Operation");

        DeclarePathParameters(operation, description.RelativePath ?? string.Empty);
        var authenticated = metadata.OfType<AccessMetadata>().Any();
        var idempotent = metadata.OfType<IdempotentMetadata>().Any();
        var hasBody = operation.RequestBody is not null;
        var onACard = (description.RelativePath ?? string.Empty).Contains("{card}", StringComparison.Ordinal);
        operation.Responses ??= [];

        if (authenticated)
        {
            Problem(operation, 401, ProblemCodes.MissingApiKey, "No X-Api-Key header.");
            Problem(operation, 403, "RoleNotAllowed", "A terminal key may not ViewCard.");
            Problem(operation, 429, ProblemCodes.RateLimited, "Key 'zg-terminal' is over its rate; retry after 1 s with the same Idempotency-Key.", retryAfter: true);
            Problem(operation, 503, ProblemCodes.ClusterUnavailable, "The cluster could not be reached; retry with the same Idempotency-Key.", retryAfter: true);
            Problem(operation, 400, ProblemCodes.InvalidQuery, "A query parameter or a value in the path is malformed.");
        }

        if (idempotent)
        {
            Problem(operation, 400, ProblemCodes.MissingIdempotencyKey, "A mutating request needs an Idempotency-Key header.");
            Problem(operation, 409, "OperationConflict", "Operation 'ZG:topup-1' was already used for a different request.");
            Problem(operation, 422, "AmountNotPositive", "An amount is more than 0 fen.");
            if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse accepted)
            {
                accepted.Headers ??= new Dictionary<string, IOpenApiHeader>();
                accepted.Headers[OperationResults.ReplayedHeader] = new OpenApiHeader
                {
                    Description = "true when this answers a retry: the first outcome, nothing done again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")!] },
                };
            }
        }

        if (hasBody || idempotent)
        {
            Problem(operation, 413, ProblemCodes.BodyTooLarge, "The body is larger than this endpoint accepts.");
            Problem(operation, 415, ProblemCodes.UnsupportedMediaType, "The body's Content-Type is not one this endpoint reads.");
        }

        if (onACard)
        {
            Problem(operation, 404, "CardNotIssued", "The card has not been issued.");
            Problem(operation, 422, ProblemCodes.CardUnavailable, CardVisibility.UnavailableDetail);
        }
        else if (authenticated)
        {
            Problem(operation, 404, ProblemCodes.NotFound, "No such item.");
        }

        if (operation.RequestBody is OpenApiRequestBody body && body.Content is { } content)
        {
            foreach (var (type, media) in content)
            {
                if (type is "text/csv" or "application/x-ndjson")
                {
                    media.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = type == "text/csv"
                            ? "CSV with a header row naming the OfflineTapRecord fields (the ride's as route, fromStation, toStation, endedAt); one tap a line."
                            : "JSON Lines: one OfflineTapRecord object a line.",
                    };
                    media.Example = JsonValue.Create(type == "text/csv"
                        ? "card,merchantId,category,terminalId,terminalSequence,tappedAt,route\nZG0000000018,ZG-BUS,Bus,ZG-T1,1,2026-12-03T08:00:00+08:00,ZG-1\n"
                        : """{"card":"ZG0000000018","merchantId":"ZG-BUS","category":"Bus","terminalId":"ZG-T1","terminalSequence":1,"tappedAt":"2026-12-03T08:00:00+08:00","ride":{"route":"ZG-1"}}""" + "\n");
                }
            }
        }
    }

    /// <summary>Declares every {name} of the route, with its pattern; a parameter the handler declared gets its pattern too.</summary>
    private static void DeclarePathParameters(OpenApiOperation operation, string route)
    {
        operation.Parameters ??= [];
        foreach (var part in route.Split('/'))
        {
            if (part.Length < 3 || part[0] != '{' || part[^1] != '}')
            {
                continue;
            }

            var name = part[1..^1].Split(':')[0];
            var (pattern, what) = PathParameters.TryGetValue(name, out var known) ? known : (IdPattern, name);
            var existing = operation.Parameters.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name && p.In == ParameterLocation.Path);
            if (existing is null)
            {
                operation.Parameters.Insert(0, existing = new OpenApiParameter { Name = name, In = ParameterLocation.Path });
            }

            existing.Required = true;
            existing.Description ??= what;
            existing.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = pattern };
        }
    }

    private static void Problem(OpenApiOperation operation, int status, string code, string detail, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.TryGetValue(key, out var existing) || existing is not OpenApiResponse response || response.Content is null || !response.Content.ContainsKey(ProblemMediaType))
        {
            response = new OpenApiResponse
            {
                Description = Problems.Title(code),
                Content = new Dictionary<string, OpenApiMediaType> { [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema) } },
            };
            operation.Responses[key] = response;
        }

        var media = response.Content![ProblemMediaType];
        media.Schema ??= new OpenApiSchemaReference(ProblemSchema);
        media.Examples ??= new Dictionary<string, IOpenApiExample>();
        media.Examples[code] = new OpenApiExample
        {
            Summary = code,
            Value = new JsonObject
            {
                ["type"] = $"/docs#{code}",
                ["title"] = Problems.Title(code),
                ["status"] = status,
                ["detail"] = detail,
                ["code"] = code,
                ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            },
        };
        if (retryAfter)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before retrying.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
        }
    }

    private static string Camel(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
