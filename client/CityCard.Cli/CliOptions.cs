using System.CommandLine;
using CityCard.Client;
using CityCard.Http;

namespace CityCard.Cli;

/// <summary>The options every command shares: where the gateways are, and how to print.</summary>
internal static class CliOptions
{
    public const string DefaultEndpoints = "artifacts/endpoints.json";

    public static Option<string> Endpoints { get; } = new("--endpoints")
    {
        Description = $"The gateway directory written by run.sh (default: $CITYCARD_ENDPOINTS or {DefaultEndpoints})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("CITYCARD_ENDPOINTS") is { Length: > 0 } path ? path : DefaultEndpoints,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the gateway's JSON instead of a table",
        Recursive = true,
    };

    public static GatewayDirectory Directory(ParseResult parse) => GatewayDirectory.Load(parse.GetValue(Endpoints)!);
}
