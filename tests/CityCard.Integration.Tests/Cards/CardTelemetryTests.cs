using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CityCard.Contracts;
using CityCard.Grains.Telemetry;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>Operations staff slice card operations by city, category and rejection code: the counter must carry them.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class CardTelemetryTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task Card_operations_are_counted_by_operation_city_category_outcome_and_rejection()
    {
        var seen = new ConcurrentBag<IReadOnlyDictionary<string, object?>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CardTelemetry.MeterName && instrument.Name == "citycard.card.operations")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            seen.Add(tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        listener.Start();

        var card = CardClusterFixture.NewCard(City.NJ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.ChargeAsync(card, Charge(100, fixture.Clock.GetUtcNow(), City.YB, Category.Cinema));

        Assert.Contains(seen, t =>
            (string?)t["operation"] == "charge" && (string?)t["city"] == "YB" && (string?)t["category"] == "Cinema"
            && (string?)t["outcome"] == "Refused" && (string?)t["rejection"] == "InsufficientBalance");
        Assert.Contains(seen, t => (string?)t["operation"] == "issue" && (string?)t["city"] == "NJ" && (string?)t["outcome"] == "Accepted");
    }
}
