using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Policies;

/// <summary>The rules on top of the fare tables: merchant discounts, concessions, the transfer discount and the caps.</summary>
internal static class FareRulesValidator
{
    public static List<MerchantDiscount> MerchantDiscounts(
        PolicyErrors errors, string path, List<MerchantDiscountDocument?>? docs, IReadOnlyDictionary<ProductCode, ProductTerms> products)
    {
        var discounts = new List<MerchantDiscount>();
        if (docs is null || !errors.WithinLimit(path, docs, PolicyLimits.MaxMerchantDiscounts))
        {
            return discounts;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, docs[i]) is not { } d)
            {
                continue;
            }

            var before = errors.Count;
            var id = errors.Id($"{at}.id", d.Id);
            var categories = errors.CategoryNames($"{at}.categories", d.Categories, transit: false);
            var sold = errors.Products($"{at}.products", d.Products, products);
            var share = errors.Number($"{at}.basisPointsOff", d.BasisPointsOff, 1, PolicyLimits.FullBasisPoints);
            if (errors.Count == before && id is not null && share is { } bp && errors.FirstOf($"{at}.id", ids, id))
            {
                discounts.Add(new MerchantDiscount(id, categories, sold, (int)bp, d.AppliesToOtherCitiesCards ?? false));
            }
        }

        return discounts;
    }

    public static List<Concession> Concessions(
        PolicyErrors errors, string path, List<ConcessionDocument?>? docs, IReadOnlyDictionary<ProductCode, ProductTerms> products)
    {
        var concessions = new List<Concession>();
        if (docs is null || !errors.WithinLimit(path, docs, PolicyLimits.MaxConcessions))
        {
            return concessions;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (errors.Required(at, docs[i]) is not { } c)
            {
                continue;
            }

            var before = errors.Count;
            var id = errors.Id($"{at}.id", c.Id);
            var sold = errors.Products($"{at}.products", c.Products, products);
            var modes = errors.CategoryNames($"{at}.modes", c.Modes, transit: true);
            if ((c.BasisPointsOff is null) == (c.FreeRidesPerMonth is null))
            {
                errors.Add(at, PolicyErrorCode.ConcessionNeedsOneKind, "Give either basisPointsOff or freeRidesPerMonth.");
                continue;
            }

            var share = c.BasisPointsOff is null ? 0 : errors.Number($"{at}.basisPointsOff", c.BasisPointsOff, 1, PolicyLimits.FullBasisPoints);
            var free = c.FreeRidesPerMonth is null ? null : errors.Number($"{at}.freeRidesPerMonth", c.FreeRidesPerMonth, 1, 1_000);
            if (errors.Count == before && id is not null && share is { } bp && errors.FirstOf($"{at}.id", ids, id))
            {
                concessions.Add(new Concession(id, sold, modes, (int)bp, (int?)free, c.OffPeakOnly ?? false, c.AppliesToOtherCitiesCards ?? false));
            }
        }

        return concessions;
    }

    public static TransferRule? Transfer(PolicyErrors errors, string path, TransferDocument doc)
    {
        var before = errors.Count;
        var window = errors.Number($"{path}.windowMinutes", doc.WindowMinutes, 1, PolicyLimits.MaxMinutes);
        var modes = errors.CategoryNames($"{path}.modes", doc.Modes, transit: true);
        var share = errors.Number($"{path}.basisPointsOff", doc.BasisPointsOff, 1, PolicyLimits.FullBasisPoints);
        var max = doc.MaxDiscount is null ? null : errors.Amount($"{path}.maxDiscount", doc.MaxDiscount, CardLimits.MaxOperationAmount);
        return errors.Count > before || window is not { } w || share is not { } bp
            ? null
            : new TransferRule((int)w, modes, (int)bp, max);
    }

    public static FareCaps? Caps(PolicyErrors errors, string path, CapsDocument doc)
    {
        var before = errors.Count;
        var modes = errors.CategoryNames($"{path}.modes", doc.Modes, transit: true);
        var daily = errors.Amount($"{path}.daily", doc.Daily, CardLimits.MaxOperationAmount);
        var sevenDay = errors.Amount($"{path}.sevenDay", doc.SevenDay, CardLimits.MaxOperationAmount);
        if (errors.Count > before || daily is not { } d || sevenDay is not { } w)
        {
            return null;
        }

        if (w < d)
        {
            errors.Add($"{path}.sevenDay", PolicyErrorCode.SevenDayCapBelowDailyCap, $"The 7-day cap {w} is below the daily cap {d}.");
            return null;
        }

        return new FareCaps(modes, d, w);
    }

    /// <summary>A cap lower than one fare it caps would make that fare unchargeable on its own: refuse the version.</summary>
    public static bool CapsCoverSingleFares(PolicyErrors errors, string path, PolicyVersion version)
    {
        foreach (var mode in Categories.TransitModes.Where(version.Caps.Modes.Contains))
        {
            var highest = version.HighestFare(mode);
            if (highest > version.Caps.Daily)
            {
                errors.Add($"{path}.daily", PolicyErrorCode.CapBelowSingleFare, $"The daily cap {version.Caps.Daily} is below a single {mode} fare of {highest}.");
                return false;
            }
        }

        return true;
    }
}
