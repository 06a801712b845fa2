using CityCard.Client;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Cli.Seeds;

/// <summary>
/// Registers a city's seed through its gateway with its operations key, idempotently: each entry's Idempotency-Key is
/// named after it, so a second run replays the first registration; an entry registered otherwise (already there) is
/// left as it is. A terminal's key is shown only when it is made: when keys are wanted and a terminal was already
/// registered (an earlier run), its key is rotated, so that every run knows every seeded terminal's key.
/// </summary>
internal sealed class SeedRegistration(GatewayDirectory gateways, TextWriter output)
{
    private static readonly string[] AlreadyThere = ["OperatorAlreadyRegistered", "TerminalAlreadyRegistered", "OperationConflict"];

    /// <summary>Registers every city's seed; returns the terminals' keys per city (empty unless <paramref name="keys"/>).</summary>
    public async Task<Dictionary<City, SortedDictionary<string, string>>> RegisterAsync(string directory, bool keys, CancellationToken ct)
    {
        var cities = gateways.Cities.Where(c => File.Exists(SeedFile.PathOf(directory, c))).ToList();
        var results = await Task.WhenAll(cities.Select(c => RegisterCityAsync(SeedFile.Load(directory, c), keys, ct)));
        return cities.Zip(results).ToDictionary(x => x.First, x => x.Second);
    }

    private async Task<SortedDictionary<string, string>> RegisterCityAsync(SeedFile seed, bool wantKeys, CancellationToken ct)
    {
        var client = gateways.For(seed.City, GatewayDirectory.Operations);
        var (operators, terminals, rotated) = (0, 0, 0);
        foreach (var o in seed.Operators)
        {
            operators += Registered(await client.RegisterOperatorAsync(o, $"seed-op-{o.OperatorId}", ct), seed.City, o.OperatorId) ? 1 : 0;
        }

        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var run = Guid.NewGuid().ToString("N")[..8];
        foreach (var t in seed.Terminals)
        {
            var registered = await client.RegisterTerminalAsync(t, $"seed-tm-{t.TerminalId}", ct);
            terminals += Registered(registered, seed.City, t.TerminalId) ? 1 : 0;
            if (registered.Value?.Key is { } key)
            {
                keys[t.TerminalId] = key;
            }
            else if (wantKeys)
            {
                keys[t.TerminalId] = (await client.RotateTerminalKeyAsync(t.TerminalId, $"seed-rk-{t.TerminalId}-{run}", ct)).Expect().Key!;
                rotated++;
            }
        }

        output.WriteLine($"   {seed.City}: {seed.Operators.Count} operators ({operators} new), {seed.Terminals.Count} terminals ({terminals} new{(rotated > 0 ? $", {rotated} keys rotated" : "")})");
        return keys;
    }

    /// <summary>True when this call registered it; false when it was there already; throws on any other refusal.</summary>
    private static bool Registered<T>(GatewayResult<T> result, City city, string id)
        where T : class
    {
        if (result.Problem is { } problem)
        {
            return AlreadyThere.Contains(problem.Code, StringComparer.Ordinal)
                ? false
                : throw new InvalidOperationException($"{city} seed {id}: {problem.Code}: {problem.Detail}");
        }

        return !result.Replayed;
    }
}
