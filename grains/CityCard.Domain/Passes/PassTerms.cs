using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Passes;

/// <summary>
/// What a sold pass keeps of its product, fixed at the sale: a later version of the policy never changes a pass
/// already sold. Lists rather than sets, in a fixed order, so the terms read (and serialize) the same everywhere.
/// </summary>
/// <param name="Product">The pass product's id in its policy, e.g. <c>zg-monthly</c>.</param>
/// <param name="Policy">The version that defined it, e.g. <c>region@2027-01-01</c>; pass lines name it.</param>
/// <param name="Days">The length of a day-counted pass; 0 for a calendar month.</param>
/// <param name="ActivateWithinDays">For a first-use pass, how long after the sale it may first be used.</param>
/// <param name="Entries">How many entries the pass covers in all; null when unlimited.</param>
public sealed record PassTerms(
    string Product,
    string Name,
    string Policy,
    PassValidity Validity,
    int Days,
    int ActivateWithinDays,
    IReadOnlyList<City> Cities,
    IReadOnlyList<Category> Modes,
    IReadOnlyList<Category> Categories,
    int? Entries,
    Money RefundFee)
{
    /// <summary>Whether a ride or entry of this category in this city is the kind of service the pass covers.</summary>
    public bool Covers(City city, Category category) =>
        Cities.Contains(city) && (Modes.Contains(category) || Categories.Contains(category));

    /// <summary>Whose policy defines the pass: a city code, or <c>region</c>. With <see cref="Product"/> it names the pass product.</summary>
    public string Owner => Policy.IndexOf('@', StringComparison.Ordinal) is var at and > 0 ? Policy[..at] : Policy;

    public bool StartsAtFirstUse => Validity == PassValidity.DaysFromFirstUse;

    public bool CountsEntries => Entries is not null;

    public bool Equals(PassTerms? other) =>
        other is not null
        && (Product, Name, Policy, Validity, Days, ActivateWithinDays, Entries, RefundFee)
            == (other.Product, other.Name, other.Policy, other.Validity, other.Days, other.ActivateWithinDays, other.Entries, other.RefundFee)
        && Cities.SequenceEqual(other.Cities)
        && Modes.SequenceEqual(other.Modes)
        && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(Product, Policy, Validity, Days);
}
