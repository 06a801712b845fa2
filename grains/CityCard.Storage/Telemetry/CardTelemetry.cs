using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityCard.Contracts;

namespace CityCard.Grains.Telemetry;

/// <summary>
/// The project's own signals for card operations, beside Orleans' own: a span per operation and a counter by
/// operation, city, category, outcome and rejection code, which is what operations staff slice by.
/// </summary>
public sealed class CardTelemetry
{
    public const string SourceName = "CityCard.Cards";
    public const string MeterName = "CityCard.Cards";

    public static readonly ActivitySource Source = new(SourceName);

    private readonly Counter<long> operations;
    private readonly Histogram<double> duration;

    public CardTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        operations = meter.CreateCounter<long>("citycard.card.operations", "{operation}", "Card operations by outcome.");
        duration = meter.CreateHistogram<double>("citycard.card.operation.duration", "ms", "Time to decide and record a card operation.");
    }

    public void Record(string operation, City city, Category? category, CardOperationResult result, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "operation", operation },
            { "city", city.ToString() },
            { "category", category?.ToString() ?? "none" },
            { "outcome", result.IsReplay ? "replay" : result.Status.ToString() },
            { "rejection", result.Rejection?.ToString() ?? "none" },
        };
        operations.Add(1, tags);
        duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
    }
}
