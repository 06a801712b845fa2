namespace CityCard.Domain.Registry;

/// <summary>The stored name of every registry event, pinned like the card and dispute events'; the suffix is the schema version.</summary>
public static class RegistryEventTypes
{
    public static IReadOnlyDictionary<Type, string> Names { get; } = new Dictionary<Type, string>
    {
        [typeof(OperatorRegistered)] = "registry_operator_registered.v1",
        [typeof(OperatorChanged)] = "registry_operator_changed.v1",
        [typeof(OperatorSuspended)] = "registry_operator_suspended.v1",
        [typeof(OperatorReinstated)] = "registry_operator_reinstated.v1",
        [typeof(TerminalRegistered)] = "registry_terminal_registered.v1",
        [typeof(TerminalKeyRotated)] = "registry_terminal_key_rotated.v1",
        [typeof(TerminalSuspended)] = "registry_terminal_suspended.v1",
        [typeof(TerminalReinstated)] = "registry_terminal_reinstated.v1",
        [typeof(TerminalRetired)] = "registry_terminal_retired.v1",
        [typeof(TerminalTapRefused)] = "registry_terminal_tap_refused.v1",
    };

    public static string NameOf(RegistryEvent e) => Names[e.GetType()];

    /// <summary>Whom an event is about, as the history lists it: <c>operator:{id}</c> or <c>terminal:{id}</c>.</summary>
    public static string SubjectOf(RegistryEvent e) => e switch
    {
        OperatorRegistered x => $"operator:{x.OperatorId}",
        OperatorChanged x => $"operator:{x.OperatorId}",
        OperatorSuspended x => $"operator:{x.OperatorId}",
        OperatorReinstated x => $"operator:{x.OperatorId}",
        TerminalRegistered x => $"terminal:{x.TerminalId}",
        TerminalKeyRotated x => $"terminal:{x.TerminalId}",
        TerminalSuspended x => $"terminal:{x.TerminalId}",
        TerminalReinstated x => $"terminal:{x.TerminalId}",
        TerminalRetired x => $"terminal:{x.TerminalId}",
        TerminalTapRefused x => $"terminal:{x.TerminalId}",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown registry event."),
    };
}
