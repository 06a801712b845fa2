using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Policies;
using CityCard.Grains;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// A real Orleans cluster (two silos, in process) over a real PostgreSQL database of its own, with one fake clock
/// shared by every silo and a fault plan that tests can arm.
/// </summary>
public sealed class CardClusterFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.FromHours(8));

    public FakeTimeProvider Clock { get; } = new(Start);

    public FaultPlan Faults { get; } = new();

    public string ConnectionString { get; private set; } = string.Empty;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public CardsClient Cards { get; private set; } = null!;

    /// <summary>A Marten store on the same database, for looking at streams directly.</summary>
    public IDocumentStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("cards");
        Cluster = await ClusterDeployment.DeployAsync(() =>
        {
            var builder = new InProcessTestClusterBuilder(2);
            builder.ConfigureHost(host =>
            {
                host.Services.AddSingleton<TimeProvider>(Clock);
                host.Services.PinOrleansToRealTime();
                host.Services.AddSingleton(Faults);
                host.Services.AddSingleton<MartenCardEventStore>();
                host.Services.AddSingleton<ICardEventStore, FaultInjectingCardEventStore>();
                host.Services.AddCityCardGrains(ConnectionString);
            });
            return builder.Build();
        });
        Cards = new CardsClient(Cluster.Client);
        Store = Cluster.GetSiloServiceProvider().GetRequiredService<IDocumentStore>();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public ICardGrain Grain(string card) => Cluster.Client.GetGrain<ICardGrain>(card);

    /// <summary>A card number no other test uses.</summary>
    public static string NewCard(City city = City.ZG) => CardNumber.Create(city, Random.Shared.NextInt64(1, 999_999_999)).Value;

    /// <summary>
    /// A new card of <paramref name="city"/>, issued with its product's deposit (policies/*.json) and topped up now.
    /// Issued now, unless <paramref name="issuedAt"/> says earlier: a tap from before the card was issued is refused, and
    /// the shared clock never goes back, so a test of taps from days ago takes a card issued before them, appended
    /// through the card event store as the grain would have appended it then.
    /// </summary>
    public async Task<string> IssuedCard(City city, long balanceFen, ProductCode? product = null, DateTimeOffset? issuedAt = null)
    {
        var card = NewCard(city);
        var code = product ?? ProductCode.Standard;
        var at = issuedAt ?? Clock.GetUtcNow();
        var deposit = Cluster.GetSiloServiceProvider().GetRequiredService<PolicySet>().ProductAt(city, code, at)!.Deposit;
        var issued = issuedAt is null
            ? (await Cards.IssueAsync(card, new IssueCardRequest(Requests.NewOp("issue"), city, code, deposit))).IsAccepted
            : await AppendIssueAsync(CardNumber.Parse(card), code, deposit, at);
        var topped = await Cards.TopUpAsync(card, Requests.TopUp(balanceFen, city));
        return issued && topped.IsAccepted ? card : throw new InvalidOperationException($"Could not issue {card}: {topped.Rejection}");
    }

    private async Task<bool> AppendIssueAsync(CardNumber card, ProductCode product, Money deposit, DateTimeOffset at)
    {
        var store = Cluster.GetSiloServiceProvider().GetRequiredService<MartenCardEventStore>();
        var issue = new CardIssued(Requests.NewOp("issue"), at, card, card.Issuer, product, deposit);
        return (await store.AppendAsync(CardAppend.Of(CardState.Initial(card), [issue]))).Outcome == AppendOutcome.Appended;
    }

    /// <summary>The stream's version as PostgreSQL has it (0 when the stream does not exist).</summary>
    public async Task<long> StreamVersionAsync(string card)
    {
        await using var session = Store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(card);
        return state?.Version ?? 0;
    }
}

[CollectionDefinition(Name)]
public sealed class CardClusterCollection : ICollectionFixture<CardClusterFixture>
{
    public const string Name = "card cluster";
}
