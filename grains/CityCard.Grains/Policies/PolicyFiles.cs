using CityCard.Domain.Policies;

namespace CityCard.Grains.Policies;

/// <summary>
/// The policy files the silo loaded, as text: a fare simulation's draft is validated in place of its city's file,
/// beside these, by the same loader (<see cref="PolicyDraft.Load"/>), so that it gets the silo's own errors.
/// </summary>
public sealed record PolicyFiles(IReadOnlyList<PolicySource> Sources);
