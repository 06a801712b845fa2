using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// A request to sell a pass to a card, paid from its balance.
/// </summary>
/// <param name="PassId">The caller's operation id: it becomes the pass's id.</param>
/// <param name="DefinedBy">The city whose policy defines the pass, or null for a pass of the region (region.json).</param>
/// <param name="Product">The pass product's id in that policy, e.g. <c>zg-monthly</c>.</param>
/// <param name="Month">For a calendar-month pass, any day of the month it is for (the current or the next); null otherwise.</param>
/// <param name="At">When the pass is sold.</param>
public sealed record PassSaleRequest(string PassId, City? DefinedBy, string Product, DateOnly? Month, DateTimeOffset At);
