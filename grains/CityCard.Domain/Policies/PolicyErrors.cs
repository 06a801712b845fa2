using System.Globalization;
using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Policies;

/// <summary>
/// Collects the errors of one file while the validator walks it, and reads fields the same way everywhere: a reader
/// returns null after recording why, so validation goes on and reports every problem in one pass.
/// </summary>
internal sealed class PolicyErrors(string file)
{
    private readonly List<PolicyError> errors = [];

    public string File { get; } = file;

    public IReadOnlyList<PolicyError> All => errors;

    public int Count => errors.Count;

    public void Add(string path, PolicyErrorCode code, string message) => errors.Add(new PolicyError(File, path, code, message));

    public T? Required<T>(string path, T? value)
        where T : class
    {
        if (value is null)
        {
            Add(path, PolicyErrorCode.MissingField, "Required.");
        }

        return value;
    }

    /// <summary>A fare: zero or more fen, at most what one operation may move.</summary>
    public Money? Fare(string path, long? fen) => ReadMoney(path, fen, PolicyErrorCode.NegativeFare, CardLimits.MaxOperationAmount);

    /// <summary>Any other amount: zero or more fen, at most <paramref name="max"/>.</summary>
    public Money? Amount(string path, long? fen, Money max) => ReadMoney(path, fen, PolicyErrorCode.NegativeAmount, max);

    public long? Number(string path, long? value, long min, long max)
    {
        if (value is not { } v)
        {
            Add(path, PolicyErrorCode.MissingField, "Required.");
            return null;
        }

        if (v < min || v > max)
        {
            Add(path, PolicyErrorCode.InvalidValue, $"{v} is outside {min}..{max}.");
            return null;
        }

        return v;
    }

    public string? Id(string path, string? id)
    {
        if (id is null)
        {
            Add(path, PolicyErrorCode.MissingField, "Required.");
            return null;
        }

        if (!RequestValidation.IsIdentifier(id, PolicyLimits.MaxIdLength))
        {
            Add(path, PolicyErrorCode.InvalidValue, $"'{id}' is not an id: 1 to {PolicyLimits.MaxIdLength} letters, digits or . _ : -");
            return null;
        }

        return id;
    }

    public DateOnly? Date(string path, string? text)
    {
        if (text is null)
        {
            Add(path, PolicyErrorCode.MissingField, "Required.");
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(path, PolicyErrorCode.InvalidValue, $"'{text}' is not a date (yyyy-MM-dd, China Standard Time).");
            return null;
        }

        return date;
    }

    public TimeOnly? Time(string path, string? text)
    {
        if (text is null)
        {
            Add(path, PolicyErrorCode.MissingField, "Required.");
            return null;
        }

        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Add(path, PolicyErrorCode.InvalidValue, $"'{text}' is not a time of day (HH:mm, China Standard Time).");
            return null;
        }

        return time;
    }

    public City? CityCode(string path, string? code)
    {
        if (code is null)
        {
            Add(path, PolicyErrorCode.MissingField, "Required.");
            return null;
        }

        if (!Cities.TryParse(code, out var city))
        {
            Add(path, PolicyErrorCode.InvalidValue, $"'{code}' is not a city of the region (ZG, LZ, NJ, YB).");
            return null;
        }

        return city;
    }

    /// <summary>A list of category names, each either a transit mode or a merchant category as asked.</summary>
    public IReadOnlySet<Category> CategoryNames(string path, List<string?>? names, bool transit)
    {
        var result = new HashSet<Category>();
        if (Required(path, names) is not { } list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (list[i] is not { } name || !Enum.GetNames<Category>().Contains(name, StringComparer.Ordinal))
            {
                Add(at, PolicyErrorCode.InvalidValue, $"'{list[i]}' is not a category ({string.Join(", ", Enum.GetNames<Category>())}).");
                continue;
            }

            var category = Enum.Parse<Category>(name);
            if (category.IsTransit() != transit)
            {
                Add(at, transit ? PolicyErrorCode.NotATransitMode : PolicyErrorCode.NotAMerchantCategory,
                    transit ? $"{name} is not a transit mode (Bus, Coach, Rail, Bike)." : $"{name} is a transit mode, priced by the fare tables.");
                continue;
            }

            result.Add(category);
        }

        return result;
    }

    /// <summary>A list of product codes, each one the version sells.</summary>
    public IReadOnlySet<ProductCode> Products(string path, List<string?>? codes, IReadOnlyDictionary<ProductCode, ProductTerms> sold)
    {
        var result = new HashSet<ProductCode>();
        if (Required(path, codes) is not { } list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (!ProductCode.TryParse(list[i], out var code))
            {
                Add($"{path}[{i}]", PolicyErrorCode.InvalidValue, $"'{list[i]}' is not a product code.");
            }
            else if (!sold.ContainsKey(code))
            {
                Add($"{path}[{i}]", PolicyErrorCode.UnknownProduct, $"This version sells no product '{code}'.");
            }
            else
            {
                result.Add(code);
            }
        }

        return result;
    }

    /// <summary>Records TooMany and answers false when a list is longer than its limit.</summary>
    public bool WithinLimit<T>(string path, IReadOnlyCollection<T> items, int max)
    {
        if (items.Count <= max)
        {
            return true;
        }

        Add(path, PolicyErrorCode.TooMany, $"{items.Count} entries; at most {max}.");
        return false;
    }

    /// <summary>Records DuplicateId and answers false when the key was already seen.</summary>
    public bool FirstOf<TKey>(string path, ISet<TKey> seen, TKey key)
    {
        if (seen.Add(key))
        {
            return true;
        }

        Add(path, PolicyErrorCode.DuplicateId, $"'{key}' appears more than once.");
        return false;
    }

    /// <summary>Records DuplicateId and answers false when the dictionary already holds the key.</summary>
    public bool FirstOf<TKey, TValue>(string path, IReadOnlyDictionary<TKey, TValue> seen, TKey key)
    {
        if (!seen.ContainsKey(key))
        {
            return true;
        }

        Add(path, PolicyErrorCode.DuplicateId, $"'{key}' appears more than once.");
        return false;
    }

    private Money? ReadMoney(string path, long? fen, PolicyErrorCode negative, Money max)
    {
        if (fen is not { } value)
        {
            Add(path, PolicyErrorCode.MissingField, "Required (integer fen).");
            return null;
        }

        if (value < 0)
        {
            Add(path, negative, $"{value} fen is below zero.");
            return null;
        }

        if (value > max.Fen)
        {
            Add(path, PolicyErrorCode.AboveLimit, $"{value} fen is above the limit of {max.Fen} fen.");
            return null;
        }

        return Money.FromFen(value);
    }
}
