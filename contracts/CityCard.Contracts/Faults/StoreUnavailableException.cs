namespace CityCard.Contracts;

/// <summary>
/// The silo could not reach its store (PostgreSQL down, restarting, refusing connections, or not answering in time).
/// Nothing is known to have changed: the caller retries later with the same operation id, which is answered with the
/// first outcome if the write did land. The silo's boundary puts this in place of the driver's own exception, which
/// a client could not decode (see docs/decisions/0072); the gateways answer it 503 StoreUnavailable with Retry-After.
/// </summary>
[GenerateSerializer, Alias("citycard.store-unavailable")]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
        : this("The store could not be reached.")
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
