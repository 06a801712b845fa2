namespace CityCard.Contracts;

/// <summary>
/// A fault inside the silo whose own exception type a client could not decode (a driver's, a library's): its type
/// name and message, carried in a type every client knows. A bug or a broken invariant, not the caller's mistake and
/// not an outage we can name: the gateways answer it 500 InternalError, with the trace id that finds it in the logs.
/// </summary>
[GenerateSerializer, Alias("citycard.silo-fault")]
public sealed class SiloFaultException : Exception
{
    public SiloFaultException()
        : this("A fault inside the silo.")
    {
    }

    public SiloFaultException(string message)
        : base(message)
    {
    }

    public SiloFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SiloFaultException(string faultType, string message)
        : base($"{faultType}: {message}")
    {
        FaultType = faultType;
    }

    /// <summary>The full name of the exception the silo caught.</summary>
    [Id(0)]
    public string? FaultType { get; set; }
}
