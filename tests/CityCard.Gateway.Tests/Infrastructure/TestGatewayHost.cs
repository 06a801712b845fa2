using System.Collections;
using System.Diagnostics;
using System.Globalization;
using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// One city's gateway as Program wires it, on a free port, knowing the whole region's keys (those of
/// <see cref="GatewayFixture"/>), for tests that need a gateway of their own: other settings, an in-memory trace
/// exporter, a silo they stop.
/// </summary>
public static class TestGatewayHost
{
    public static async Task<(WebApplication App, Uri Url)> StartAsync(
        City city,
        int siloGatewayPort,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        return await LocalPorts.StartWithRetryAsync(async () =>
        {
            var url = new Uri($"http://127.0.0.1:{LocalPorts.Free()}/");
            var config = new Dictionary<string, string?>
            {
                ["Gateway:City"] = city.ToString(),
                ["Cluster:GatewayPort"] = siloGatewayPort.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in GatewayFixture.GenerousLimits)
            {
                config[name] = value;
            }

            var i = 0;
            foreach (var (keyCity, role) in GatewayFixture.AllKeys)
            {
                var key = GatewayFixture.KeyOf(keyCity, role);
                config[$"Gateway:Keys:{i}:Id"] = GatewayFixture.KeyIdOf(keyCity, role);
                config[$"Gateway:Keys:{i}:City"] = keyCity?.ToString();
                config[$"Gateway:Keys:{i}:Role"] = Access.Roles.Name(role);
                config[$"Gateway:Keys:{i}:Secret"] = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
                i++;
            }

            foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            {
                config[name] = value;
            }

            var builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(config);
            builder.WebHost.UseUrls(url.ToString().TrimEnd('/'));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddCityCardGateway(GatewaySettings.From(builder.Configuration));
            configure?.Invoke(builder);
            var app = builder.Build();
            app.MapCityCardGateway();
            try
            {
                await app.StartAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }

            return (app, url);
        });
    }

    /// <summary>Adds an in-memory exporter of every span the host records to <paramref name="spans"/>.</summary>
    public static void ExportSpansTo(WebApplicationBuilder builder, SpanCollection spans) =>
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
}

/// <summary>Spans as an exporter hands them over, safe to read while more arrive.</summary>
public sealed class SpanCollection : ICollection<Activity>
{
    private readonly List<Activity> spans = [];

    public int Count
    {
        get
        {
            lock (spans)
            {
                return spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    /// <summary>The spans of one trace (each once, however many exporters saw it).</summary>
    public IReadOnlyList<Activity> OfTrace(ActivityTraceId trace)
    {
        lock (spans)
        {
            return [.. spans.Where(s => s.TraceId == trace).DistinctBy(s => s.SpanId)];
        }
    }

    public void Add(Activity item)
    {
        lock (spans)
        {
            spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (spans)
        {
            spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (spans)
        {
            return spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (spans)
        {
            spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (spans)
        {
            return spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (spans)
        {
            return spans.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
