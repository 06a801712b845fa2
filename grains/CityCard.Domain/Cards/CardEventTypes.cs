using System.Reflection;

namespace CityCard.Domain.Cards;

/// <summary>
/// The stored name of every card event, read from its <see cref="StoredAsAttribute"/>. Every concrete card event
/// must pin one, and no two may share it: a class that breaks either rule fails the first use of this type (and the
/// pinned-events tests), never a stored stream.
/// </summary>
public static class CardEventTypes
{
    public static IReadOnlyDictionary<Type, string> Names { get; } = Collect();

    /// <summary>The other way round: the card event type stored under each name, for readers of the stored rows.</summary>
    public static IReadOnlyDictionary<string, Type> ByName { get; } = Names.ToDictionary(n => n.Value, n => n.Key, StringComparer.Ordinal);

    public static string NameOf(CardEvent e) => Names[e.GetType()];

    private static Dictionary<Type, string> Collect()
    {
        var names = new Dictionary<Type, string>();
        foreach (var type in typeof(CardEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CardEvent)) && !t.IsAbstract))
        {
            var name = type.GetCustomAttribute<StoredAsAttribute>()?.Name
                ?? throw new InvalidOperationException($"Card event {type.Name} pins no stored name ([StoredAs]).");
            if (names.ContainsValue(name))
            {
                throw new InvalidOperationException($"Card events {names.First(n => n.Value == name).Key.Name} and {type.Name} are both stored as '{name}'.");
            }

            names[type] = name;
        }

        return names;
    }
}
