using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// The gateways over a silo whose clock the tests move forward: a window can be closed only once its business day has
/// begun, so tests that close one window after another move the clock to the next day first. Its own silo and
/// database, apart from <see cref="GatewayFixture"/>'s: the other HTTP tests tap at the real time.
/// </summary>
public sealed class ClearingGatewayFixture : GatewayFixture
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureSilo(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock).PinOrleansToRealTime();
}

[CollectionDefinition(Name)]
public sealed class ClearingGatewayCollection : ICollectionFixture<ClearingGatewayFixture>
{
    public const string Name = "clearing-gateways";
}
