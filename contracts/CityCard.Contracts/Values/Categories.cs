namespace CityCard.Contracts;

/// <summary>
/// The two families of <see cref="Category"/>: transit modes, priced by the city's policy from the ride, and merchant
/// categories, which take the merchant's amount.
/// </summary>
public static class Categories
{
    public static IReadOnlyList<Category> TransitModes { get; } = [Category.Bus, Category.Coach, Category.Rail, Category.Bike];

    public static bool IsTransit(this Category category) => category is Category.Bus or Category.Coach or Category.Rail or Category.Bike;
}
