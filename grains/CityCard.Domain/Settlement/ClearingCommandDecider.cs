using CityCard.Contracts;
using CityCard.Domain.Cards;

namespace CityCard.Domain.Settlement;

/// <summary>
/// A clearing command's idempotency, in the card decider's order of checks: the operation id, then a replay (the same
/// id with the same content answers the first outcome; other content is <see cref="ClearingRejection.OperationConflict"/>),
/// then the command's own rules (<see cref="WindowCommands"/>, <see cref="HoldCommands"/>), then the answer that is
/// recorded with the change. Pure. The clearing house keeps every accepted operation in its store rather than in its
/// state (there is no bound on how far back one may be retried), so the grain looks the first one up and passes it in.
/// </summary>
public static class ClearingCommandDecider
{
    /// <summary>The answer before the command's own rules, or null to go on to them.</summary>
    public static ClearingOperationResult? CheckOperation(ClearingRequest request, FirstClearingOperation? first)
    {
        if (!RequestValidation.IsValidOperationId(request.OperationId))
        {
            return ClearingOperationResult.Rejected(request.OperationId, ClearingRejection.InvalidOperationId, $"An operation id is 1 to {ClearingLimits.MaxOperationIdLength} letters, digits or . _ : -");
        }

        if (first is null)
        {
            return null;
        }

        return first.Fingerprint == ClearingFingerprint.Of(request)
            ? first.Result with { IsReplay = true }
            : ClearingOperationResult.Rejected(request.OperationId, ClearingRejection.OperationConflict, $"Operation '{request.OperationId}' was already used for a different command.");
    }

    /// <summary>The command's answer and, when it was accepted, the change and the record its retries are answered from.</summary>
    public static ClearingCommandDecision Decide(ClearingRequest request, CommandOutcome outcome) => outcome switch
    {
        CommandOutcome.Rejected rejected => new ClearingCommandDecision(ClearingOperationResult.Rejected(request.OperationId, rejected.Code, rejected.Detail), null, null),
        CommandOutcome.Accepted accepted => new ClearingCommandDecision(
            new ClearingOperationResult(request.OperationId, OperationStatus.Accepted, null, null, accepted.Window.ToView(), false),
            accepted.Change,
            ClearingFingerprint.Of(request)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Unknown command outcome."),
    };
}

/// <summary>An accepted clearing command as first recorded: its fingerprint and its answer.</summary>
public sealed record FirstClearingOperation(string Fingerprint, ClearingOperationResult Result);

/// <summary>A decided clearing command: the answer, and for an accepted one the change to commit and the fingerprint to record.</summary>
public sealed record ClearingCommandDecision(ClearingOperationResult Result, Projection.ClearingChange? Change, string? Fingerprint);
