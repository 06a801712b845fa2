using CityCard.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityCard.Cli;

/// <summary>citycard: operations' command line against a running cluster.</summary>
public static class CliApp
{
    private const string Usage = """
        usage: citycard <command> [options]

        commands:
          demo      issue cards in all four cities and walk them through top-ups, rides priced by each city's
                    policy, a retry, a reversal, a block, a refused tap and a replacement; then a commuter's
                    day across cities (a transfer, the caps, a late tap); print fares, balances and histories;
                    then end the business day: close the clearing window, print and write its settlement, confirm it

        options:
          --gateway-port <port>   the silo's Orleans gateway port (default 30000)
          --dashboard <url>       the dashboard address to print at the end
          --settlement-dir <dir>  where the demo writes the settlement reports (JSON and CSV)
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = CliOptions.Parse(args.Skip(1).ToArray());
        if (options.Error is { } error)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        switch (args[0])
        {
            case "demo":
                using (var host = await ConnectAsync(options.GatewayPort))
                {
                    var cluster = host.Services.GetRequiredService<IClusterClient>();
                    await new Demo(new CardsClient(cluster), Console.Out).RunAsync();
                    await new SettlementDemo(new SettlementClient(cluster), Console.Out, options.SettlementDirectory).RunAsync();
                    if (options.Dashboard is { } dashboard)
                    {
                        Console.WriteLine($"Orleans dashboard: {dashboard}");
                    }

                    await host.StopAsync();
                }

                return 0;
            default:
                Console.Error.WriteLine($"Unknown command '{args[0]}'.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<IHost> ConnectAsync(int gatewayPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}

internal sealed record CliOptions(int GatewayPort, string? Dashboard, string? SettlementDirectory, string? Error)
{
    public static CliOptions Parse(string[] args)
    {
        var port = 30000;
        string? dashboard = null;
        string? settlement = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--gateway-port" when int.TryParse(value, out var p) && p is > 0 and < 65536:
                    port = p;
                    i++;
                    break;
                case "--dashboard" when value is not null:
                    dashboard = value;
                    i++;
                    break;
                case "--settlement-dir" when value is not null:
                    settlement = value;
                    i++;
                    break;
                default:
                    return new CliOptions(port, dashboard, settlement, $"Bad option '{args[i]}'.");
            }
        }

        return new CliOptions(port, dashboard, settlement, null);
    }
}
