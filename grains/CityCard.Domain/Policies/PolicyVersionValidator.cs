using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Policies;

/// <summary>Turns one version block of a city's file into a <see cref="PolicyVersion"/>, or records what is wrong with it.</summary>
internal static class PolicyVersionValidator
{
    public static PolicyVersion? Validate(PolicyErrors errors, string path, City city, PolicyVersionDocument doc)
    {
        var before = errors.Count;
        var from = errors.Date($"{path}.effectiveFrom", doc.EffectiveFrom);
        var products = Products(errors, $"{path}.products", doc.Products);
        var peak = PeakHoursOf(errors, $"{path}.peakHours", doc.PeakHours);
        var bus = doc.Bus is null ? null : TransitFaresValidator.Bus(errors, $"{path}.bus", doc.Bus);
        var coach = doc.Coach is null ? null : TransitFaresValidator.Coach(errors, $"{path}.coach", city, doc.Coach);
        var rail = doc.Rail is null ? null : TransitFaresValidator.Rail(errors, $"{path}.rail", doc.Rail);
        var bike = doc.Bike is null ? null : TransitFaresValidator.Bike(errors, $"{path}.bike", doc.Bike);
        var discounts = FareRulesValidator.MerchantDiscounts(errors, $"{path}.merchantDiscounts", doc.MerchantDiscounts, products);
        var concessions = FareRulesValidator.Concessions(errors, $"{path}.concessions", doc.Concessions, products);
        var transfer = doc.Transfer is null ? null : FareRulesValidator.Transfer(errors, $"{path}.transfer", doc.Transfer);
        var caps = errors.Required($"{path}.caps", doc.Caps) is { } c ? FareRulesValidator.Caps(errors, $"{path}.caps", c) : null;
        var passes = PassesValidator.Validate(
            errors, $"{path}.passes", doc.Passes, from is { } day ? PolicyVersion.IdOf(city, day) : string.Empty, city, products, OfferedModes(doc));
        if (errors.Count > before || from is null || caps is null)
        {
            return null;
        }

        var version = new PolicyVersion
        {
            City = city,
            EffectiveFrom = from.Value,
            Products = products,
            PeakHours = peak,
            Bus = bus,
            Coach = coach,
            Rail = rail,
            Bike = bike,
            MerchantDiscounts = discounts,
            Concessions = concessions,
            Transfer = transfer,
            Caps = caps,
            Passes = passes,
        };
        return FareRulesValidator.CapsCoverSingleFares(errors, $"{path}.caps", version) ? version : null;
    }

    /// <summary>The modes whose block the version has: what its passes may cover.</summary>
    private static HashSet<Category> OfferedModes(PolicyVersionDocument doc)
    {
        var modes = new HashSet<Category>();
        foreach (var (mode, block) in new (Category, object?)[] { (Category.Bus, doc.Bus), (Category.Coach, doc.Coach), (Category.Rail, doc.Rail), (Category.Bike, doc.Bike) })
        {
            if (block is not null)
            {
                modes.Add(mode);
            }
        }

        return modes;
    }

    private static Dictionary<ProductCode, ProductTerms> Products(PolicyErrors errors, string path, List<ProductDocument?>? docs)
    {
        var products = new Dictionary<ProductCode, ProductTerms>();
        if (errors.Required(path, docs) is not { } list || !errors.WithinLimit(path, list, PolicyLimits.MaxProducts))
        {
            return products;
        }

        if (list.Count == 0)
        {
            errors.Add(path, PolicyErrorCode.MissingField, "A version sells at least one product.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, list[i]) is not { } p)
            {
                continue;
            }

            if (!ProductCode.TryParse(p.Code, out var code))
            {
                errors.Add($"{at}.code", p.Code is null ? PolicyErrorCode.MissingField : PolicyErrorCode.InvalidValue, $"'{p.Code}' is not a product code (lowercase letters, digits, dashes).");
            }

            var name = errors.Required($"{at}.name", p.Name);
            var deposit = errors.Amount($"{at}.deposit", p.Deposit, CardLimits.MaxDeposit);
            var ceiling = errors.Amount($"{at}.balanceCeiling", p.BalanceCeiling, CardLimits.DefaultBalanceCeiling);
            var overdraft = errors.Amount($"{at}.transitOverdraft", p.TransitOverdraft, PolicyLimits.MaxTransitOverdraft);
            if (code.Value is not null && errors.FirstOf($"{at}.code", products, code)
                && name is not null && deposit is { } d && ceiling is { } c && overdraft is { } o)
            {
                products[code] = new ProductTerms(code, name, d, c, o);
            }
        }

        return products;
    }

    private static PeakHours PeakHoursOf(PolicyErrors errors, string path, List<TimeWindowDocument?>? docs)
    {
        if (docs is null || !errors.WithinLimit(path, docs, PolicyLimits.MaxPeakWindows))
        {
            return PeakHours.None;
        }

        var windows = new List<TimeWindow>();
        for (var i = 0; i < docs.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, docs[i]) is not { } w)
            {
                continue;
            }

            var from = errors.Time($"{at}.from", w.From);
            var to = errors.Time($"{at}.to", w.To);
            if (from is { } f && to is { } t)
            {
                if (f >= t)
                {
                    errors.Add(at, PolicyErrorCode.InvalidValue, $"A peak window runs forward within one day; {w.From}–{w.To} does not.");
                }
                else
                {
                    windows.Add(new TimeWindow(f, t));
                }
            }
        }

        return new PeakHours(windows);
    }
}
