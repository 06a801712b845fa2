using System.CommandLine;
using CityCard.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityCard.Cli;

/// <summary>
/// citycard end-of-day: the regional clearing operator's command. The clearing house is region-level and is not (yet)
/// behind the city gateways, so this one command joins the cluster as an Orleans client, on the cluster's network.
/// </summary>
internal static class EndOfDayCommand
{
    public static Command Create()
    {
        var clusterPort = new Option<int>("--cluster-port") { Description = "The silo's Orleans gateway port", DefaultValueFactory = _ => 30000 };
        var window = new Option<DateOnly?>("--window") { Description = "The business date to close (default: the current window)" };
        var reports = new Option<string?>("--reports") { Description = "Write the settlement as JSON and CSV under this folder" };
        var confirm = new Option<string?>("--confirm") { Description = "Record the settlement bank's confirmation with this reference" };
        var command = new Command("end-of-day", "Close a clearing window, print and write its settlement, and optionally record the bank's confirmation (connects to the cluster)")
        {
            clusterPort, window, reports, confirm,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConnectAsync(parse.GetValue(clusterPort));
            var clearing = new SettlementClient(host.Services.GetRequiredService<IClusterClient>());
            await new EndOfDay(clearing, Console.Out, parse.GetValue(reports), parse.GetValue(confirm)).RunAsync(parse.GetValue(window));
            await host.StopAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<IHost> ConnectAsync(int port)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(port));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
