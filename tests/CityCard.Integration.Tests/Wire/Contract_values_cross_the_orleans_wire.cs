using CityCard.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CityCard.Integration.Tests.Wire;

/// <summary>
/// CityCard.Contracts carries Orleans' attributes only; its codecs and copiers are generated in
/// CityCard.GrainInterfaces (GenerateCodeForDeclaringAssembly, docs/decisions/0028). Here the serializer a silo and a
/// gateway build finds them: values round-trip, and an [Immutable] request is passed on without a copy.
/// </summary>
public sealed class Contract_values_cross_the_orleans_wire
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(ICardGrain).Assembly))
        .BuildServiceProvider();

    private static T RoundTrip<T>(T value) => Services.GetRequiredService<Serializer>().Deserialize<T>(Services.GetRequiredService<Serializer>().SerializeToArray(value))!;

    [Fact]
    public void Values_and_ids_round_trip()
    {
        Assert.True(OperationId.TryParse("LZ:tap-1", out var operation));
        Assert.True(TerminalId.TryParse("LZB-0042", out var terminal));
        Assert.True(MerchantId.TryParse("LZ-BUS", out var merchant));
        Assert.True(RouteId.TryParse("LZ-3", out var route));
        Assert.True(StationId.TryParse("YB-GT", out var station));
        var card = CardNumber.Create(City.LZ, 42);

        Assert.Equal(card, RoundTrip(card));
        Assert.Equal(Money.FromFen(-250), RoundTrip(Money.FromFen(-250)));
        Assert.Equal(operation, RoundTrip(operation));
        Assert.Equal(terminal, RoundTrip(terminal));
        Assert.Equal(merchant, RoundTrip(merchant));
        Assert.Equal(route, RoundTrip(route));
        Assert.Equal(station, RoundTrip(station));
    }

    [Fact]
    public void A_request_round_trips_and_an_immutable_one_is_not_copied()
    {
        var request = ChargeRequest.ForRide("LZ:tap-1", City.LZ, "LZ-BUS", Category.Bus, "LZB-0042", 7, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(8)), RideDetails.Bus("LZ-3"));

        Assert.Equal(request, RoundTrip(request));
        Assert.Same(request, Services.GetRequiredService<DeepCopier>().Copy(request));
    }
}
