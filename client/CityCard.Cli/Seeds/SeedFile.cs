using System.Text.Json;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Cli.Seeds;

/// <summary>
/// A city's seed file (<c>seeds/{city}.json</c>): the operators and terminals that <c>./run.sh</c>, the demonstration
/// and <c>citycard load</c> charge as, registered in the city's registry before they do. Each entry is the body the
/// gateway's registration takes. docs/decisions/0094.
/// </summary>
internal sealed record SeedFile(City City, IReadOnlyList<RegisterOperatorBody> Operators, IReadOnlyList<RegisterTerminalBody> Terminals)
{
    public const string DefaultDirectory = "seeds";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PathOf(string directory, City city) => Path.Combine(directory, $"{city.ToString().ToLowerInvariant()}.json");

    public static SeedFile Load(string directory, City city)
    {
        var path = PathOf(directory, city);
        var seed = JsonSerializer.Deserialize<SeedFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty.");
        return seed.City == city ? seed : throw new InvalidDataException($"{path} is the seed of {seed.City}, not of {city}.");
    }
}
