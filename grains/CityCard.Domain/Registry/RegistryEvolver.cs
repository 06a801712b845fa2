using CityCard.Contracts;

namespace CityCard.Domain.Registry;

/// <summary>The one place a registry's state changes: folding its events, in stream order.</summary>
public static class RegistryEvolver
{
    public static RegistryState Fold(RegistryState initial, IEnumerable<RegistryEvent> events) => events.Aggregate(initial, Evolve);

    public static RegistryState Evolve(RegistryState s, RegistryEvent e)
    {
        var next = e switch
        {
            OperatorRegistered x => s with
            {
                Operators = s.Operators.SetItem(x.OperatorId, new OperatorEntry(
                    x.OperatorId, x.Name, [.. x.Categories], new SettlementAccount(x.Bank, x.AccountNumber), OperatorStatus.Active, x.RecordedAt, x.RecordedAt, x.Actor)),
            },
            OperatorChanged x => WithOperator(s, x.OperatorId, o => o with
            {
                Name = x.Name, Categories = [.. x.Categories], Account = new SettlementAccount(x.Bank, x.AccountNumber), UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor,
            }),
            OperatorSuspended x => WithOperator(s, x.OperatorId, o => o with { Status = OperatorStatus.Suspended, UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor }),
            OperatorReinstated x => WithOperator(s, x.OperatorId, o => o with { Status = OperatorStatus.Active, UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor }),
            TerminalRegistered x => s with
            {
                Terminals = s.Terminals.SetItem(x.TerminalId, new TerminalEntry(
                    x.TerminalId, x.OperatorId, TerminalStatus.Active, x.KeyHash, x.RecordedAt, x.RecordedAt, x.RecordedAt, x.Actor)),
            },
            TerminalKeyRotated x => WithTerminal(s, x.TerminalId, t => t with { KeyHash = x.KeyHash, KeyIssuedAt = x.RecordedAt, UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor }),
            TerminalSuspended x => WithTerminal(s, x.TerminalId, t => t with { Status = TerminalStatus.Suspended, UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor }),
            TerminalReinstated x => WithTerminal(s, x.TerminalId, t => t with { Status = TerminalStatus.Active, UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor }),
            TerminalRetired x => WithTerminal(s, x.TerminalId, t => t with { Status = TerminalStatus.Retired, UpdatedAt = x.RecordedAt, UpdatedBy = x.Actor }),
            TerminalTapRefused x => WithTerminal(s, x.TerminalId, t => t with { RefusedTaps = t.RefusedTaps + 1 }),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown registry event."),
        };

        return next with
        {
            Operations = next.Operations.SetItem(e.OperationId, new RecordedRegistryOperation(RegistryFingerprint.Of(e), RegistryEventTypes.SubjectOf(e))),
            Version = s.Version + 1,
        };
    }

    private static RegistryState WithOperator(RegistryState s, string id, Func<OperatorEntry, OperatorEntry> change) =>
        s.Operators.TryGetValue(id, out var o)
            ? s with { Operators = s.Operators.SetItem(id, change(o)) }
            : throw new InvalidOperationException($"Registry {s.City}: an event for operator {id}, which was never registered.");

    private static RegistryState WithTerminal(RegistryState s, string id, Func<TerminalEntry, TerminalEntry> change) =>
        s.Terminals.TryGetValue(id, out var t)
            ? s with { Terminals = s.Terminals.SetItem(id, change(t)) }
            : throw new InvalidOperationException($"Registry {s.City}: an event for terminal {id}, which was never registered.");
}
