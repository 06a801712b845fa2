using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CityCard.Gateway.Http;

/// <summary>Either the body read, or the problem that answers it.</summary>
public readonly record struct BodyResult<T>(T? Value, IResult? Problem)
    where T : class;

/// <summary>Either the object parsed, or the named reason it could not be.</summary>
public readonly record struct ParseResult<T>(T? Value, string? Code, string? Detail)
    where T : class
{
    public BodyResult<T> ToBody() => Code is null ? new(Value, null) : new(null, Problems.Gateway(Code, Detail));
}

/// <summary>
/// Reads a small JSON body strictly, and names what is wrong with it: too large, not JSON, not an object, an unknown
/// or missing or repeated field, or a field of the wrong type. Every message is ours; none comes from the parser.
/// </summary>
public static class JsonBody
{
    /// <summary>No card operation needs more than a few hundred bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpContext http, bool optional = false)
        where T : class
    {
        var bytes = await BodyBytes.ReadAsync(http, MaxBytes, IsJson);
        if (bytes.Problem is { } problem)
        {
            return new(null, problem);
        }

        if (bytes.Value!.Length == 0)
        {
            return optional
                ? new(JsonSerializer.Deserialize<T>("{}", GatewayJson.Options), null)
                : Fail<T>(ProblemCodes.InvalidBody, "This request needs a JSON object body.").ToBody();
        }

        return Parse<T>(bytes.Value).ToBody();
    }

    /// <summary>
    /// Parses one JSON object into <typeparamref name="T"/>; also used for each line of a JSON Lines batch. A body is
    /// parsed once: the strict options refuse exactly what the checks below name (unknown, missing or repeated fields,
    /// wrong types, bad times), so a body they accept is the request. Only a refused body is read a second time, to
    /// say by name what is wrong with it.
    /// </summary>
    public static ParseResult<T> Parse<T>(ReadOnlyMemory<byte> json)
        where T : class
    {
        try
        {
            if (JsonSerializer.Deserialize<T>(json.Span, GatewayJson.Options) is { } value)
            {
                return new(value, null, null);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidTimeException)
        {
            // Named below.
        }

        return Diagnose<T>(json);
    }

    /// <summary>Why a body the serializer refused (or read as null) is not a <typeparamref name="T"/>, by name.</summary>
    private static ParseResult<T> Diagnose<T>(ReadOnlyMemory<byte> json)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Fail<T>(ProblemCodes.MalformedJson, "The body is not well-formed JSON (or names a field twice).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail<T>(ProblemCodes.InvalidBody, "The body must be a JSON object.");
            }

            var info = GatewayJson.Options.GetTypeInfo(typeof(T));
            if (CheckFields<T>(root, info) is { } fieldProblem)
            {
                return fieldProblem;
            }

            try
            {
                return new(root.Deserialize<T>(GatewayJson.Options), null, null);
            }
            catch (InvalidTimeException ex)
            {
                return Fail<T>(ProblemCodes.InvalidTime, $"'{FieldOf(ex)}' {ex.Message}");
            }
            catch (JsonException ex)
            {
                return Fail<T>(ProblemCodes.InvalidField, $"'{FieldOf(ex)}' has the wrong type or an impossible value.");
            }
        }
    }

    private static ParseResult<T>? CheckFields<T>(JsonElement root, JsonTypeInfo info)
        where T : class
    {
        var known = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!known.ContainsKey(property.Name))
            {
                var fields = known.Count == 0 ? "this request takes none" : $"known fields: {string.Join(", ", known.Keys)}";
                return Fail<T>(ProblemCodes.UnknownField, $"'{Printable(property.Name)}' is not a field of this request; {fields}.");
            }
        }

        foreach (var required in info.Properties.Where(p => p.IsRequired))
        {
            if (!root.TryGetProperty(required.Name, out _))
            {
                return Fail<T>(ProblemCodes.MissingField, $"'{required.Name}' is required.");
            }
        }

        return null;
    }

    /// <summary>The field as the serializer's path names it (<c>$.ride.endedAt</c> is <c>ride.endedAt</c>).</summary>
    private static string FieldOf(JsonException ex) =>
        ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? Printable(path[2..]) : "a field";

    private static ParseResult<T> Fail<T>(string code, string detail)
        where T : class => new(null, code, detail);

    /// <summary>A client-supplied name, cut short and stripped of anything unprintable, fit to echo back.</summary>
    private static string Printable(string text) =>
        new([.. text.Take(40).Select(c => char.IsControl(c) ? '?' : c)]);

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
}
