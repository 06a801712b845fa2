using System.Text;
using CityCard.Contracts;

namespace CityCard.Gateway.Http;

/// <summary>
/// RFC 7807 problems as the gateway writes them: application/problem+json with <c>type</c> (a link to the code on the
/// reference page), <c>title</c>, <c>status</c>, <c>detail</c> and the named <c>code</c>. Details are written by us,
/// never copied from an exception, so no internals leak.
/// </summary>
public static class Problems
{
    public static IResult Of(int status, string code, string? detail, IDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                members[key] = value;
            }
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: Title(code), type: $"/docs#{code}", extensions: members);
    }

    public static IResult Of(RejectionCode code, string? detail, IDictionary<string, object?>? extensions = null) =>
        Of(RejectionStatus.For(code), code.ToString(), detail, extensions);

    public static IResult Gateway(string code, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        Of(ProblemCodes.Catalog.First(c => c.Code == code).Status, code, detail ?? ProblemCodes.Catalog.First(c => c.Code == code).Meaning, extensions);

    /// <summary>"CardBlocked" reads "Card blocked".</summary>
    public static string Title(string code)
    {
        var text = new StringBuilder(code.Length + 8);
        foreach (var c in code)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
