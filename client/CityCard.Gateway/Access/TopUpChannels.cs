using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>
/// The channel a top-up is recorded under follows from the key that made it, never from the body: a terminal's key
/// loads at a kiosk, a service desk's at the counter. A body that names another channel is refused
/// (<c>ChannelNotAllowed</c>, 403), so a leaked terminal key cannot pass its top-ups off as the desk's
/// (docs/decisions/0074).
/// </summary>
public static class TopUpChannels
{
    /// <summary>The channel of <paramref name="role"/>'s top-ups, or null for a role that does not top up.</summary>
    public static TopUpChannel? Of(Role role) => role switch
    {
        Role.Terminal => TopUpChannel.Kiosk,
        Role.ServiceDesk => TopUpChannel.ServiceDesk,
        _ => null,
    };
}
