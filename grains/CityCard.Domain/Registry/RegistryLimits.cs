namespace CityCard.Domain.Registry;

/// <summary>Bounds on a city's registry and on what its commands carry.</summary>
public static class RegistryLimits
{
    public const int MaxOperators = 2_000;
    public const int MaxTerminals = 50_000;
    public const int MaxActorLength = 64;
    public const int MaxNameLength = 100;
    public const int MaxBankLength = 100;
    public const int MaxReasonLength = 200;
    public const int MinAccountLength = 4;
    public const int MaxAccountLength = 34;
}
