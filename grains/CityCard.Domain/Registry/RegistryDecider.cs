using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Registry;

/// <summary>
/// A city's registry of operators and terminals. Pure. The order of checks is fixed: the operation id, then a replay,
/// then the request's shape, then the registry's state. Every event is built here.
/// </summary>
public static class RegistryDecider
{
    public static RegistryDecision Decide(RegistryState s, RegistryRequest r, DateTimeOffset now)
    {
        if (!RequestValidation.IsValidOperationId(r.OperationId))
        {
            return Reject(RegistryRejection.InvalidOperationId, $"An operation id is 1 to {CardLimits.MaxOperationIdLength} {Identifier.Characters}");
        }

        if (s.Operations.TryGetValue(r.OperationId, out var first))
        {
            return first.Fingerprint == RegistryFingerprint.Of(r)
                ? new RegistryDecision.Replay(first.Subject)
                : Reject(RegistryRejection.OperationConflict, $"Operation '{r.OperationId}' was already used on {s.City}'s registry for a different command.");
        }

        if (!Identifier.IsValid(r.Actor, RegistryLimits.MaxActorLength))
        {
            return Reject(RegistryRejection.InvalidActor, $"Who acted is 1 to {RegistryLimits.MaxActorLength} {Identifier.Characters}");
        }

        return r switch
        {
            RegisterOperatorRequest o => RegisterOperator(s, o, now),
            ChangeOperatorRequest c => ChangeOperator(s, c, now),
            SetOperatorStatusRequest o => SetOperatorStatus(s, o, now),
            RegisterTerminalRequest t => RegisterTerminal(s, t, now),
            RotateTerminalKeyRequest k => RotateKey(s, k, now),
            SetTerminalStatusRequest t => SetTerminalStatus(s, t, now),
            RecordRefusedTapRequest t => RecordRefusedTap(s, t, now),
            _ => throw new ArgumentOutOfRangeException(nameof(r), r.GetType().Name, "Unknown registry request."),
        };
    }

    /// <summary>A key hash as the registry stores it: the SHA-256 of the key's secret, 64 lower-case hex digits.</summary>
    public static bool IsKeyHash(string? hash) => hash is { Length: 64 } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static RegistryDecision RegisterOperator(RegistryState s, RegisterOperatorRequest r, DateTimeOffset now)
    {
        if (CheckOperatorShape(r.OperatorId, r.Name, r.Categories, r.Account) is { } shape)
        {
            return shape;
        }

        if (s.Operators.ContainsKey(r.OperatorId))
        {
            return Reject(RegistryRejection.OperatorAlreadyRegistered, $"{s.City} already has an operator {r.OperatorId}; change it instead.");
        }

        if (s.Operators.Count >= RegistryLimits.MaxOperators)
        {
            return Reject(RegistryRejection.RegistryFull, $"{s.City}'s registry holds {RegistryLimits.MaxOperators} operators, as many as it may.");
        }

        return new RegistryDecision.Append(new OperatorRegistered(
            r.OperationId, now, r.Actor, r.OperatorId, r.Name, [.. r.Categories.Order()], r.Account.Bank, r.Account.AccountNumber));
    }

    private static RegistryDecision ChangeOperator(RegistryState s, ChangeOperatorRequest r, DateTimeOffset now)
    {
        if (CheckOperatorShape(r.OperatorId, r.Name, r.Categories, r.Account) is { } shape)
        {
            return shape;
        }

        return s.Operators.ContainsKey(r.OperatorId)
            ? new RegistryDecision.Append(new OperatorChanged(r.OperationId, now, r.Actor, r.OperatorId, r.Name, [.. r.Categories.Order()], r.Account.Bank, r.Account.AccountNumber))
            : OperatorNotFound(s, r.OperatorId);
    }

    private static RegistryDecision SetOperatorStatus(RegistryState s, SetOperatorStatusRequest r, DateTimeOffset now)
    {
        if (!Identifier.IsValid(r.OperatorId, MerchantId.MaxLength))
        {
            return InvalidOperatorId();
        }

        if (!IsText(r.Reason, RegistryLimits.MaxReasonLength) || !Enum.IsDefined(r.Status))
        {
            return InvalidReason();
        }

        if (!s.Operators.TryGetValue(r.OperatorId, out var o))
        {
            return OperatorNotFound(s, r.OperatorId);
        }

        if (o.Status == r.Status)
        {
            return Reject(RegistryRejection.StatusUnchanged, $"Operator {r.OperatorId} is {o.Status} already.");
        }

        return new RegistryDecision.Append(r.Status == OperatorStatus.Suspended
            ? new OperatorSuspended(r.OperationId, now, r.Actor, r.OperatorId, r.Reason)
            : new OperatorReinstated(r.OperationId, now, r.Actor, r.OperatorId, r.Reason));
    }

    private static RegistryDecision RegisterTerminal(RegistryState s, RegisterTerminalRequest r, DateTimeOffset now)
    {
        if (!Identifier.IsValid(r.TerminalId, TerminalId.MaxLength))
        {
            return InvalidTerminalId();
        }

        if (!Identifier.IsValid(r.OperatorId, MerchantId.MaxLength))
        {
            return InvalidOperatorId();
        }

        if (!IsKeyHash(r.KeyHash))
        {
            return InvalidKeyHash();
        }

        if (s.Terminals.ContainsKey(r.TerminalId))
        {
            return Reject(RegistryRejection.TerminalAlreadyRegistered, $"{s.City} already has a terminal {r.TerminalId}; rotate its key instead.");
        }

        if (!s.Operators.TryGetValue(r.OperatorId, out var o))
        {
            return OperatorNotFound(s, r.OperatorId);
        }

        if (o.Status != OperatorStatus.Active)
        {
            return Reject(RegistryRejection.OperatorSuspended, $"Operator {r.OperatorId} is suspended: it gets no new terminal.");
        }

        if (s.Terminals.Count >= RegistryLimits.MaxTerminals)
        {
            return Reject(RegistryRejection.RegistryFull, $"{s.City}'s registry holds {RegistryLimits.MaxTerminals} terminals, as many as it may.");
        }

        return new RegistryDecision.Append(new TerminalRegistered(r.OperationId, now, r.Actor, r.TerminalId, r.OperatorId, r.KeyHash));
    }

    private static RegistryDecision RotateKey(RegistryState s, RotateTerminalKeyRequest r, DateTimeOffset now)
    {
        if (!Identifier.IsValid(r.TerminalId, TerminalId.MaxLength))
        {
            return InvalidTerminalId();
        }

        if (!IsKeyHash(r.KeyHash))
        {
            return InvalidKeyHash();
        }

        if (!s.Terminals.TryGetValue(r.TerminalId, out var t))
        {
            return TerminalNotFound(s, r.TerminalId);
        }

        return t.Status == TerminalStatus.Retired
            ? Reject(RegistryRejection.TerminalRetired, $"Terminal {r.TerminalId} is retired: it gets no new key.")
            : new RegistryDecision.Append(new TerminalKeyRotated(r.OperationId, now, r.Actor, r.TerminalId, r.KeyHash));
    }

    private static RegistryDecision SetTerminalStatus(RegistryState s, SetTerminalStatusRequest r, DateTimeOffset now)
    {
        if (!Identifier.IsValid(r.TerminalId, TerminalId.MaxLength))
        {
            return InvalidTerminalId();
        }

        if (!IsText(r.Reason, RegistryLimits.MaxReasonLength) || !Enum.IsDefined(r.Status))
        {
            return InvalidReason();
        }

        if (!s.Terminals.TryGetValue(r.TerminalId, out var t))
        {
            return TerminalNotFound(s, r.TerminalId);
        }

        if (t.Status == TerminalStatus.Retired)
        {
            return Reject(RegistryRejection.TerminalRetired, $"Terminal {r.TerminalId} is retired for good.");
        }

        if (t.Status == r.Status)
        {
            return Reject(RegistryRejection.StatusUnchanged, $"Terminal {r.TerminalId} is {t.Status} already.");
        }

        if (r.Status == TerminalStatus.Active && s.Operators.TryGetValue(t.OperatorId, out var o) && o.Status != OperatorStatus.Active)
        {
            return Reject(RegistryRejection.OperatorSuspended, $"Terminal {r.TerminalId}'s operator {t.OperatorId} is suspended: reinstate the operator first.");
        }

        return new RegistryDecision.Append(r.Status switch
        {
            TerminalStatus.Suspended => new TerminalSuspended(r.OperationId, now, r.Actor, r.TerminalId, r.Reason),
            TerminalStatus.Retired => new TerminalRetired(r.OperationId, now, r.Actor, r.TerminalId, r.Reason),
            _ => new TerminalReinstated(r.OperationId, now, r.Actor, r.TerminalId, r.Reason),
        });
    }

    private static RegistryDecision RecordRefusedTap(RegistryState s, RecordRefusedTapRequest r, DateTimeOffset now)
    {
        if (!Identifier.IsValid(r.TerminalId, TerminalId.MaxLength))
        {
            return InvalidTerminalId();
        }

        if (!IsText(r.Reason, RegistryLimits.MaxReasonLength) || !Identifier.IsValid(r.Card, RegistryLimits.MaxReasonLength) || r.TerminalSequence < 0)
        {
            return InvalidReason();
        }

        return s.Terminals.ContainsKey(r.TerminalId)
            ? new RegistryDecision.Append(new TerminalTapRefused(r.OperationId, now, r.Actor, r.TerminalId, r.Card, r.TerminalSequence, r.Reason))
            : TerminalNotFound(s, r.TerminalId);
    }

    private static RegistryDecision.Reject? CheckOperatorShape(string operatorId, string name, IReadOnlyList<Category>? categories, SettlementAccount? account)
    {
        if (!Identifier.IsValid(operatorId, MerchantId.MaxLength))
        {
            return InvalidOperatorId();
        }

        if (!IsText(name, RegistryLimits.MaxNameLength) || account is null || !IsText(account.Bank, RegistryLimits.MaxBankLength))
        {
            return Reject(RegistryRejection.InvalidText, $"A name and a bank are 1 to {RegistryLimits.MaxNameLength} characters of text, without control characters.");
        }

        if (account.AccountNumber is not { Length: >= RegistryLimits.MinAccountLength and <= RegistryLimits.MaxAccountLength } number || !number.All(char.IsAsciiLetterOrDigit))
        {
            return Reject(RegistryRejection.InvalidAccountNumber, $"An account number is {RegistryLimits.MinAccountLength} to {RegistryLimits.MaxAccountLength} letters or digits.");
        }

        if (categories is null || categories.Count == 0 || categories.Distinct().Count() != categories.Count || categories.Any(c => !Enum.IsDefined(c)))
        {
            return Reject(RegistryRejection.InvalidCategories, "An operator may charge at least one category, each named once.");
        }

        return null;
    }

    private static bool IsText(string? text, int max) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= max && !text.Any(char.IsControl);

    private static RegistryDecision.Reject InvalidOperatorId() =>
        Reject(RegistryRejection.InvalidOperatorId, $"An operator id is 1 to {MerchantId.MaxLength} {Identifier.Characters}");

    private static RegistryDecision.Reject InvalidTerminalId() =>
        Reject(RegistryRejection.InvalidTerminalId, $"A terminal id is 1 to {TerminalId.MaxLength} {Identifier.Characters}");

    private static RegistryDecision.Reject InvalidKeyHash() =>
        Reject(RegistryRejection.InvalidKeyHash, "A key hash is the SHA-256 of the key's secret, 64 lower-case hex digits.");

    private static RegistryDecision.Reject InvalidReason() =>
        Reject(RegistryRejection.InvalidText, $"A reason is 1 to {RegistryLimits.MaxReasonLength} characters of text, without control characters; a status is one the registry knows.");

    private static RegistryDecision.Reject OperatorNotFound(RegistryState s, string id) =>
        Reject(RegistryRejection.OperatorNotFound, $"{s.City} has no operator {id}.");

    private static RegistryDecision.Reject TerminalNotFound(RegistryState s, string id) =>
        Reject(RegistryRejection.TerminalNotFound, $"{s.City} has no terminal {id}.");

    private static RegistryDecision.Reject Reject(RegistryRejection code, string detail) => new(code, detail);
}
