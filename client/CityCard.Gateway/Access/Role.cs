namespace CityCard.Gateway.Access;

/// <summary>What a key's holder does for its city. Each key has exactly one role.</summary>
public enum Role
{
    /// <summary>Gates, bus readers, tills: taps, offline batches, top-ups at kiosks, the hotlist.</summary>
    Terminal = 1,

    /// <summary>The city's card counters: issue, top up, block, unblock, replace, close, look a card up.</summary>
    ServiceDesk = 2,

    /// <summary>The city's back office: look cards up, the hotlist, its own settlement statement and ledger, the windows.</summary>
    Operations = 3,

    /// <summary>
    /// The region's clearing house, held by the region's clearing operators: the only role of no city (its keys work
    /// at every gateway). Closes windows, records the settlement bank's confirmation or aborts, reads the region's
    /// report. See docs/decisions/0040.
    /// </summary>
    Clearing = 4,
}

public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = [Role.Terminal, Role.ServiceDesk, Role.Operations, Role.Clearing];

    /// <summary>The roles whose keys belong to one city.</summary>
    public static IReadOnlyList<Role> OfCities { get; } = [Role.Terminal, Role.ServiceDesk, Role.Operations];

    /// <summary>A regional role's keys belong to no city and work at every city's gateway.</summary>
    public static bool IsRegional(this Role role) => role == Role.Clearing;

    /// <summary>The role's name in settings, endpoints.json and messages.</summary>
    public static string Name(this Role role) => role switch
    {
        Role.Terminal => "terminal",
        Role.ServiceDesk => "service-desk",
        Role.Operations => "operations",
        Role.Clearing => "clearing",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    public static bool TryParse(string? name, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
