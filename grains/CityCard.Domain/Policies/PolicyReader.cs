using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Domain.Policies;

/// <summary>
/// Reads one policy file's text into its document. Comments and trailing commas are allowed (the files are written
/// by people); a field the format does not have is an error, so a typo is caught rather than silently ignored.
/// Syntax and type errors stop the reading of that file, so they come one at a time, with their path and line.
/// </summary>
public static class PolicyReader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public static (T? Document, PolicyError? Error) Read<T>(string file, string text)
        where T : class
    {
        if (text.Length > PolicyLimits.MaxFileBytes)
        {
            return (null, new PolicyError(file, "$", PolicyErrorCode.TooMany, $"The file is longer than {PolicyLimits.MaxFileBytes} characters."));
        }

        try
        {
            var document = JsonSerializer.Deserialize<T>(text, Options);
            return document is null
                ? (null, new PolicyError(file, "$", PolicyErrorCode.InvalidJson, "The file holds null instead of a policy."))
                : (document, null);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } n ? $" (line {n + 1})" : string.Empty;
            return (null, new PolicyError(file, ex.Path ?? "$", PolicyErrorCode.InvalidJson, FirstSentence(ex.Message) + line));
        }
    }

    /// <summary>
    /// System.Text.Json appends "Path: … | LineNumber: …" to its messages; the error carries those already. It also
    /// names .NET types ("could not be converted to CityCard.Domain.Policies.CityPolicyDocument", "… to System.Int64"),
    /// which mean nothing to the person editing the file and which the gateways show no caller (a draft's errors go
    /// back over HTTP): plain words stand in for them.
    /// </summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var sentence = cut > 0 ? message[..cut] : message;
        return Unnamed(Unnamed(sentence, "CityCard.", "the policy format"), "System.", "the expected type");
    }

    private static string Unnamed(string sentence, string prefix, string instead)
    {
        for (var at = sentence.IndexOf(prefix, StringComparison.Ordinal); at >= 0; at = sentence.IndexOf(prefix, at, StringComparison.Ordinal))
        {
            var end = at;
            while (end < sentence.Length && !char.IsWhiteSpace(sentence[end]) && sentence[end] is not (',' or ';' or '\''))
            {
                end++;
            }

            // A sentence's full stop is not part of the name.
            end = sentence[end - 1] == '.' ? end - 1 : end;
            sentence = string.Concat(sentence.AsSpan(0, at), instead, sentence.AsSpan(end));
        }

        return sentence;
    }
}
