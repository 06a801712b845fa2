namespace CityCard.Domain.Passes;

/// <summary>A span of time a pass is valid in: from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
public readonly record struct PassPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
