using System.Collections.Concurrent;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Grains.Cards;

/// <summary>
/// What a card's telemetry calls a request, from its type alone, so a new request type needs no entry: the type's
/// name without "Request" and without a trailing "Card", in kebab case (<c>ChargeRequest</c> → <c>charge</c>,
/// <c>IssueCardRequest</c> → <c>issue</c>, <c>ClaimReplacementRequest</c> → <c>claim-replacement</c>). These are the
/// span names (<c>card.{operation}</c>) and the <c>operation</c> tag of the card metrics.
/// </summary>
public static class CardOperationNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(CardRequest request) => Names.GetOrAdd(request.GetType(), NameOf);

    /// <summary>The city and category a request's metrics are tagged with, when the request names them.</summary>
    public static (City? City, Category? Category) Where(CardRequest request) => request switch
    {
        IssueCardRequest r => (r.IssuingCity, null),
        TopUpRequest r => (r.LoadCity, null),
        ChargeRequest r => (r.AcquirerCity, r.Category),
        _ => (null, null),
    };

    private static string NameOf(Type type)
    {
        var name = type.Name;
        name = name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
        name = name.EndsWith("Card", StringComparison.Ordinal) && name.Length > "Card".Length ? name[..^"Card".Length] : name;
        var kebab = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(name[i]));
        }

        return kebab.ToString();
    }
}
