using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Domain.Registry;

/// <summary>
/// A digest of what a registry command asked, computed alike from the request and from the event that recorded it, so
/// that a retry can be told from a reuse of its operation id for something else. A key's hash is no part of it: each
/// attempt at the gateway makes a new key, and a retry must replay, not conflict (docs/decisions/0090).
/// </summary>
public static class RegistryFingerprint
{
    public static string Of(RegistryRequest request) => request switch
    {
        RegisterOperatorRequest r => Digest("register-operator", r.Actor, r.OperatorId, r.Name, Join(r.Categories), r.Account?.Bank, r.Account?.AccountNumber),
        ChangeOperatorRequest r => Digest("change-operator", r.Actor, r.OperatorId, r.Name, Join(r.Categories), r.Account?.Bank, r.Account?.AccountNumber),
        SetOperatorStatusRequest r => Digest("operator-status", r.Actor, r.OperatorId, r.Status, r.Reason),
        RegisterTerminalRequest r => Digest("register-terminal", r.Actor, r.TerminalId, r.OperatorId),
        RotateTerminalKeyRequest r => Digest("rotate-key", r.Actor, r.TerminalId),
        SetTerminalStatusRequest r => Digest("terminal-status", r.Actor, r.TerminalId, r.Status, r.Reason),
        RecordRefusedTapRequest r => Digest("refused-tap", r.Actor, r.TerminalId, r.Card, r.TerminalSequence, r.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.GetType().Name, "Unknown registry request."),
    };

    public static string Of(RegistryEvent e) => e switch
    {
        OperatorRegistered x => Digest("register-operator", x.Actor, x.OperatorId, x.Name, Join(x.Categories), x.Bank, x.AccountNumber),
        OperatorChanged x => Digest("change-operator", x.Actor, x.OperatorId, x.Name, Join(x.Categories), x.Bank, x.AccountNumber),
        OperatorSuspended x => Digest("operator-status", x.Actor, x.OperatorId, OperatorStatus.Suspended, x.Reason),
        OperatorReinstated x => Digest("operator-status", x.Actor, x.OperatorId, OperatorStatus.Active, x.Reason),
        TerminalRegistered x => Digest("register-terminal", x.Actor, x.TerminalId, x.OperatorId),
        TerminalKeyRotated x => Digest("rotate-key", x.Actor, x.TerminalId),
        TerminalSuspended x => Digest("terminal-status", x.Actor, x.TerminalId, TerminalStatus.Suspended, x.Reason),
        TerminalReinstated x => Digest("terminal-status", x.Actor, x.TerminalId, TerminalStatus.Active, x.Reason),
        TerminalRetired x => Digest("terminal-status", x.Actor, x.TerminalId, TerminalStatus.Retired, x.Reason),
        TerminalTapRefused x => Digest("refused-tap", x.Actor, x.TerminalId, x.Card, x.TerminalSequence, x.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown registry event."),
    };

    private static string Join(IEnumerable<Category>? categories) => string.Join(",", (categories ?? []).Order());

    private static string Digest(params object?[] parts)
    {
        // Length-prefixed parts, so that ("ab","c") and ("a","bc") never collide.
        var canonical = new StringBuilder();
        foreach (var part in parts)
        {
            var text = Convert.ToString(part, CultureInfo.InvariantCulture) ?? string.Empty;
            canonical.Append(text.Length).Append(':').Append(text).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())).AsSpan(0, 16));
    }
}
