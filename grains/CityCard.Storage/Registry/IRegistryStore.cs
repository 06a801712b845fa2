using CityCard.Contracts;
using CityCard.Domain.Registry;

namespace CityCard.Grains.Registry;

/// <summary>The only way a city's registry grain reaches its stream.</summary>
public interface IRegistryStore
{
    Task<IReadOnlyList<RegistryEvent>> LoadAsync(City city, CancellationToken cancellationToken = default);

    /// <summary>Appends <paramref name="events"/> after <paramref name="expectedVersion"/>. False when another writer got to that version first.</summary>
    Task<bool> AppendAsync(City city, long expectedVersion, IReadOnlyList<RegistryEvent> events, CancellationToken cancellationToken = default);
}
