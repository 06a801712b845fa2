using System.Net.Sockets;
using CityCard.Contracts;
using Npgsql;

namespace CityCard.Grains.Boundary;

/// <summary>
/// What an exception becomes when it leaves the silo. A client can decode only the exception types it shares with
/// the silo (ours, .NET's, Orleans'); a driver's exception such as <see cref="PostgresException"/> would arrive as a
/// codec failure and tell it nothing. So a store outage becomes <see cref="StoreUnavailableException"/> (the gateway's
/// 503 StoreUnavailable) and any other foreign exception a <see cref="SiloFaultException"/> (its 500), each carrying
/// no inner exception. The one rule for both ways out: <see cref="BoundaryFilter"/> (grain calls) and
/// <see cref="BoundaryExceptionCodec"/> (whatever else is serialized, e.g. a failed activation). See docs/decisions/0072.
/// </summary>
public static class BoundaryFaults
{
    private static readonly string[] SharedNamespaces = ["System", "Microsoft", "Orleans", "CityCard"];

    /// <summary>The exception to send instead of <paramref name="error"/>, or null when it can cross as it is.</summary>
    public static Exception? Translate(Exception error)
    {
        if (IsStoreOutage(error))
        {
            return new StoreUnavailableException("The store could not be reached; nothing is known to have changed. Retry with the same operation id.");
        }

        return Chain(error).Any(e => IsForeign(e.GetType()))
            ? new SiloFaultException(error.GetType().FullName ?? error.GetType().Name, error.Message)
            : null;
    }

    /// <summary>
    /// PostgreSQL unreachable or not serving: a connection that cannot be opened or broke, a timeout, a server shutting
    /// down or starting up, too many connections. Npgsql calls these transient; a constraint violation or a bad
    /// statement is not one.
    /// </summary>
    public static bool IsStoreOutage(Exception error) => Chain(error).Any(e => e switch
    {
        PostgresException pg => IsOutageState(pg.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or TimeoutException or IOException,
        _ => false,
    });

    /// <summary>A type whose namespace the client does not share, so that it has no codec for it.</summary>
    public static bool IsForeign(Type type) =>
        typeof(Exception).IsAssignableFrom(type)
        && !SharedNamespaces.Any(ns => type.Namespace is { } name && (name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal)));

    // Class 08: connection exception; 53: insufficient resources (too many connections); 57P: the server is shutting
    // down, crashed or is starting up.
    private static bool IsOutageState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal);

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }

        if (error is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
            {
                yield return inner;
            }
        }
    }
}
