using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Policies;

/// <summary>
/// The passes of one version of a city's file or of region.json. A city's pass covers that city only, its concession
/// prices are for its own cards unless it says otherwise, and it may only cover modes the version runs; the region's
/// passes name their cities, and their prices apply to every card of the region.
/// </summary>
internal static class PassesValidator
{
    /// <param name="city">The file's city, or null for region.json.</param>
    /// <param name="products">The products the city's version sells (prices must name one); null for the region.</param>
    /// <param name="offered">The transit modes the city's version runs; null for the region.</param>
    public static List<PassProduct> Validate(
        PolicyErrors errors,
        string path,
        List<PassDocument?>? docs,
        string policy,
        City? city,
        IReadOnlyDictionary<ProductCode, ProductTerms>? products,
        IReadOnlySet<Category>? offered)
    {
        var passes = new List<PassProduct>();
        if (docs is null || !errors.WithinLimit(path, docs, PolicyLimits.MaxPasses))
        {
            return passes;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, docs[i]) is { } doc && Pass(errors, at, doc, policy, city, products, offered) is { } pass
                && errors.FirstOf($"{at}.id", ids, pass.Id))
            {
                passes.Add(pass);
            }
        }

        return passes;
    }

    private static PassProduct? Pass(
        PolicyErrors errors, string at, PassDocument d, string policy, City? city, IReadOnlyDictionary<ProductCode, ProductTerms>? products, IReadOnlySet<Category>? offered)
    {
        var before = errors.Count;
        var id = errors.Id($"{at}.id", d.Id);
        var name = errors.Required($"{at}.name", d.Name);
        if (name is not null && name.Length is 0 or > PolicyLimits.MaxNameLength)
        {
            errors.Add($"{at}.name", PolicyErrorCode.InvalidValue, $"A name is 1 to {PolicyLimits.MaxNameLength} characters.");
        }

        var validity = Validity(errors, $"{at}.validity", d.Validity);
        var days = validity is PassValidity.CalendarMonth ? NotFor(errors, $"{at}.days", d.Days, "a calendar-month pass runs for its month") : DaysOf(errors, $"{at}.days", d.Days, validity);
        var activate = validity is PassValidity.DaysFromFirstUse
            ? DaysOf(errors, $"{at}.activateWithinDays", d.ActivateWithinDays, validity)
            : NotFor(errors, $"{at}.activateWithinDays", d.ActivateWithinDays, "only a pass that starts at its first use waits for it");
        var cities = Cities(errors, $"{at}.cities", d.Cities, city);
        var modes = d.Modes is null ? new HashSet<Category>() : errors.CategoryNames($"{at}.modes", d.Modes, transit: true);
        var categories = d.Categories is null ? new HashSet<Category>() : errors.CategoryNames($"{at}.categories", d.Categories, transit: false);
        var entries = d.Entries is null ? null : errors.Number($"{at}.entries", d.Entries, 1, PolicyLimits.MaxPassEntries);
        Scope(errors, at, d, modes, categories, offered);
        var prices = Prices(errors, $"{at}.prices", d.Prices, city, products);
        var fee = d.RefundFee is null ? Money.Zero : errors.Amount($"{at}.refundFee", d.RefundFee, CardLimits.MaxOperationAmount);
        if (fee is { } f && prices.Count > 0 && f > prices.Min(p => p.Price))
        {
            errors.Add($"{at}.refundFee", PolicyErrorCode.AboveLimit, $"The refund fee {f} is above the pass's lowest price {prices.Min(p => p.Price)}.");
        }

        return errors.Count > before || id is null || name is null || validity is not { } v || fee is not { } refundFee
            ? null
            : new PassProduct(id, name, policy, city, v, (int)(days ?? 0), (int)(activate ?? 0), cities, modes, categories, (int?)entries, prices, refundFee);
    }

    private static PassValidity? Validity(PolicyErrors errors, string path, string? text)
    {
        if (errors.Required(path, text) is not { } name)
        {
            return null;
        }

        if (!Enum.GetNames<PassValidity>().Contains(name, StringComparer.Ordinal))
        {
            errors.Add(path, PolicyErrorCode.InvalidValue, $"'{name}' is not a validity ({string.Join(", ", Enum.GetNames<PassValidity>())}).");
            return null;
        }

        return Enum.Parse<PassValidity>(name);
    }

    private static long? DaysOf(PolicyErrors errors, string path, long? days, PassValidity? validity) =>
        validity is null && days is null ? null : errors.Number(path, days, 1, PolicyLimits.MaxPassDays);

    private static long? NotFor(PolicyErrors errors, string path, long? value, string why)
    {
        if (value is not null)
        {
            errors.Add(path, PolicyErrorCode.InvalidValue, $"Not allowed here: {why}.");
        }

        return null;
    }

    /// <summary>A city's pass covers that city; the region's names its cities, at least one.</summary>
    private static HashSet<City> Cities(PolicyErrors errors, string path, List<string?>? names, City? city)
    {
        if (city is { } own)
        {
            NotFor(errors, path, names?.Count, $"a pass in {own}'s policy covers {own} only");
            return [own];
        }

        var cities = new HashSet<City>();
        if (errors.Required(path, names) is not { } list)
        {
            return cities;
        }

        if (list.Count == 0)
        {
            errors.Add(path, PolicyErrorCode.MissingField, "A regional pass covers at least one city.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (errors.CityCode($"{path}[{i}]", list[i]) is { } c)
            {
                errors.FirstOf($"{path}[{i}]", cities, c);
            }
        }

        return cities;
    }

    /// <summary>A pass covers something; it counts merchant entries only (rides on a pass are unlimited); a city's pass only covers modes it runs.</summary>
    private static void Scope(PolicyErrors errors, string at, PassDocument d, IReadOnlySet<Category> modes, IReadOnlySet<Category> categories, IReadOnlySet<Category>? offered)
    {
        if ((d.Modes?.Count ?? 0) == 0 && (d.Categories?.Count ?? 0) == 0)
        {
            errors.Add(at, PolicyErrorCode.InvalidPassScope, "A pass covers at least one transit mode or merchant category.");
        }

        if (d.Entries is not null && (d.Modes?.Count ?? 0) > 0)
        {
            errors.Add($"{at}.entries", PolicyErrorCode.InvalidPassScope, "Entries are counted on merchant categories only; the rides a pass covers are unlimited.");
        }

        foreach (var mode in modes.Where(m => offered is not null && !offered.Contains(m)).Order())
        {
            errors.Add($"{at}.modes", PolicyErrorCode.PassModeNotOffered, $"This version runs no {mode} service for the pass to cover.");
        }
    }

    private static List<PassPrice> Prices(PolicyErrors errors, string path, List<PassPriceDocument?>? docs, City? city, IReadOnlyDictionary<ProductCode, ProductTerms>? products)
    {
        var prices = new List<PassPrice>();
        if (errors.Required(path, docs) is not { } list || !errors.WithinLimit(path, list, PolicyLimits.MaxProducts))
        {
            return prices;
        }

        if (list.Count == 0)
        {
            errors.Add(path, PolicyErrorCode.MissingField, "A pass has a price for at least one product.");
        }

        var seen = new HashSet<ProductCode>();
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, list[i]) is not { } p)
            {
                continue;
            }

            var before = errors.Count;
            var product = Product(errors, $"{at}.product", p.Product, products);
            var price = errors.Amount($"{at}.price", p.Price, CardLimits.MaxOperationAmount);
            if (price is { IsPositive: false })
            {
                errors.Add($"{at}.price", PolicyErrorCode.InvalidValue, "A pass costs at least 1 fen.");
            }

            if (city is null && p.AppliesToOtherCitiesCards is not null)
            {
                errors.Add($"{at}.appliesToOtherCitiesCards", PolicyErrorCode.InvalidValue, "Every card of the region is local to the region's passes.");
            }

            if (errors.Count == before && product is { } code && price is { } amount && errors.FirstOf($"{at}.product", seen, code))
            {
                prices.Add(new PassPrice(code, amount, city is null || (p.AppliesToOtherCitiesCards ?? false)));
            }
        }

        return prices;
    }

    private static ProductCode? Product(PolicyErrors errors, string path, string? text, IReadOnlyDictionary<ProductCode, ProductTerms>? products)
    {
        if (errors.Required(path, text) is null)
        {
            return null;
        }

        if (!ProductCode.TryParse(text, out var code))
        {
            errors.Add(path, PolicyErrorCode.InvalidValue, $"'{text}' is not a product code.");
            return null;
        }

        if (products is not null && !products.ContainsKey(code))
        {
            errors.Add(path, PolicyErrorCode.UnknownProduct, $"This version sells no product '{code}'.");
            return null;
        }

        return code;
    }
}
