using CityCard.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>The real silo host, wired as its Program wires it, for tests that need the whole process and not a test cluster.</summary>
public static class TestSiloHost
{
    /// <summary>
    /// Starts a silo serving HTTP on <paramref name="httpPort"/> with <paramref name="settings"/> (at least
    /// ConnectionStrings:CityCard and the Cluster ports). A silo that fails to start is disposed, so that a caller
    /// retrying on a port clash (<see cref="LocalPorts.StartWithRetryAsync{T}"/>) leaves nothing behind.
    /// <paramref name="configure"/> adds to the host after its own registrations, before it is built (an in-memory trace
    /// exporter, or a test's clock replacing the system's).
    /// </summary>
    public static async Task<WebApplication> StartAsync(int httpPort, IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var silo = SiloSettings.From(builder.Configuration);
        builder.AddCityCardSilo(silo);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapCityCardEndpoints(silo);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
