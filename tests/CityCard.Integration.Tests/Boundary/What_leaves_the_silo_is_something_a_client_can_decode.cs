using System.Net.Sockets;
using CityCard.Contracts;
using CityCard.Grains.Boundary;
using Npgsql;

namespace CityCard.Integration.Tests.Boundary;

/// <summary>
/// The silo's boundary rule, case by case: a store outage, however the driver reports it and however deep it sits,
/// becomes StoreUnavailable; any other exception of a type a client does not share becomes a SiloFault carrying its
/// type name and no inner exception; the client's own types (ours, .NET's, Orleans') cross unchanged.
/// </summary>
public sealed class What_leaves_the_silo_is_something_a_client_can_decode
{
    public static TheoryData<string, Exception> Outages => new()
    {
        { "connection refused", new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) },
        { "a timeout under Npgsql", new NpgsqlException("Exception while reading from stream", new TimeoutException()) },
        { "admin shutdown (57P01)", Postgres("57P01") },
        { "the server starting up (57P03)", Postgres("57P03") },
        { "too many connections (53300)", Postgres("53300") },
        { "connection failure (08006)", Postgres("08006") },
        { "wrapped by a library", new InvalidOperationException("Marten could not save", Postgres("57P01")) },
        { "in an aggregate", new AggregateException(new InvalidOperationException("one"), new NpgsqlException("broken", new IOException("reset"))) },
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void A_store_outage_becomes_StoreUnavailable(string why, Exception error)
    {
        var replacement = BoundaryFaults.Translate(error);

        var unavailable = Assert.IsType<StoreUnavailableException>(replacement);
        Assert.Null(unavailable.InnerException);
        Assert.True(BoundaryFaults.IsStoreOutage(error), why);
    }

    [Fact]
    public void A_foreign_fault_that_is_no_outage_becomes_a_SiloFault_with_its_type_and_no_inner_exception()
    {
        var uniqueViolation = Postgres("23505");

        var fault = Assert.IsType<SiloFaultException>(BoundaryFaults.Translate(uniqueViolation));

        Assert.Equal(typeof(PostgresException).FullName, fault.FaultType);
        Assert.Null(fault.InnerException);
        Assert.IsType<SiloFaultException>(BoundaryFaults.Translate(new InvalidOperationException("outer", Postgres("42P01"))));
    }

    [Fact]
    public void The_clients_own_types_cross_unchanged()
    {
        Assert.Null(BoundaryFaults.Translate(new ArgumentException("not a card number")));
        Assert.Null(BoundaryFaults.Translate(new TimeoutException()));
        Assert.Null(BoundaryFaults.Translate(new InvalidOperationException("a broken invariant", new KeyNotFoundException())));
        Assert.Null(BoundaryFaults.Translate(new StoreUnavailableException()));
        Assert.False(BoundaryFaults.IsForeign(typeof(Orleans.Runtime.SiloUnavailableException)));
        Assert.True(BoundaryFaults.IsForeign(typeof(PostgresException)));
    }

    private static PostgresException Postgres(string state) => new("the server says no", "FATAL", "FATAL", state);
}
