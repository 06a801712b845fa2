namespace CityCard.Domain.Tests.Properties;

/// <summary>One step of a sequence after it was decided and folded: what a property looks at.</summary>
/// <param name="Before">The state before the step.</param>
/// <param name="After">The state after folding the step's events (the same object when nothing was appended).</param>
/// <param name="Appended">The events the step appended (none for a replay or a rejection).</param>
/// <param name="History">Every event folded so far, the start included.</param>
/// <param name="IsRetryOfRecorded">The request was sent before, unchanged, and the card had recorded it.</param>
public sealed record StepOutcome(
    CardRequest Request,
    CardDecision Decision,
    CardState Before,
    CardState After,
    IReadOnlyList<CardEvent> Appended,
    IReadOnlyList<CardEvent> History,
    Money Ceiling,
    bool IsRetryOfRecorded);
