using System.Text;
using CityCard.Domain.Cards;
using CityCard.Grains.Storage;
using Marten;

namespace CityCard.Integration.Tests.Storage;

/// <summary>
/// Events once stored never change on disk: a stored event of every pinned type, as the event store holds it in
/// mt_events.data (PinnedEvents/{name}.json, written by the version of 2026-12-03 and never to be regenerated), still
/// reads into its type through the store's own serializer and writes back to the very same JSON. A change to a contract type (an identifier type
/// in place of a string, a renamed member, an enum written differently) that would change the shape fails here.
/// No database is needed: this is the store's serializer, configured as the silo configures it.
/// </summary>
public sealed class Stored_events_keep_their_json
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Storage", "PinnedEvents");

    /// <summary>Card events and the cities' registry events (docs/decisions/0090), each by its pinned name.</summary>
    private static readonly Dictionary<string, Type> Pinned = CardEventTypes.Names.Concat(CityCard.Domain.Registry.RegistryEventTypes.Names)
        .ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    public static TheoryData<string> PinnedNames() => [.. Pinned.Keys];

    private static ISerializer Serializer()
    {
        var options = new StoreOptions();
        MartenSetup.Configure(options, "Host=localhost;Database=unused", new CardStoreOptions());
        return options.Serializer();
    }

    [Theory]
    [MemberData(nameof(PinnedNames))]
    public void A_stored_event_reads_into_its_type_and_writes_back_unchanged(string name)
    {
        var type = Pinned[name];
        var stored = File.ReadAllText(Path.Combine(Folder, $"{name}.json")).TrimEnd('\n');
        var serializer = Serializer();

        using var json = new MemoryStream(Encoding.UTF8.GetBytes(stored));
        var read = serializer.FromJson(type, json);

        Assert.IsType(type, read);
        Assert.Equal(stored, serializer.ToJson(read));
    }
}
