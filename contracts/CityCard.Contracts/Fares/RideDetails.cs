namespace CityCard.Contracts;

/// <summary>
/// What a transit terminal knows about a ride, from which the city's policy computes the fare. Which fields a mode
/// needs: a bus its <paramref name="Route"/>; a coach its <paramref name="FromStation"/> and
/// <paramref name="ToStation"/> (and, optionally, the coach service as <paramref name="Route"/>); urban rail the
/// entry and exit stations; a public bike its return time <paramref name="EndedAt"/> (docks are optional). The ride
/// starts at the charge's <c>TappedAt</c>: boarding, the entry gate, or the bike leaving its dock.
/// </summary>
/// <param name="EndedAt">Alighting, the exit gate or the bike's return; needed for bikes, optional otherwise.</param>
[GenerateSerializer, Immutable, Alias("citycard.ride")]
public sealed record RideDetails(string? Route, string? FromStation, string? ToStation, DateTimeOffset? EndedAt)
{
    public static RideDetails Bus(string route) => new(route, null, null, null);

    public static RideDetails Coach(string from, string to) => new(null, from, to, null);

    public static RideDetails Rail(string entry, string exit, DateTimeOffset? exitedAt = null) => new(null, entry, exit, exitedAt);

    public static RideDetails Bike(DateTimeOffset returnedAt) => new(null, null, null, returnedAt);
}
