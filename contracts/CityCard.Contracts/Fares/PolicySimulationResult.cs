namespace CityCard.Contracts;

/// <summary>
/// A fare policy simulation's answer: its report, or why it was refused (nothing is written either way).
/// </summary>
/// <param name="Refusal">Null with a report; else <see cref="InvalidPolicyDraft"/>, <see cref="PeriodBackwards"/> or <see cref="PeriodTooLong"/>.</param>
/// <param name="Errors">For an invalid draft, every error the silo's policy validation reports for it.</param>
[GenerateSerializer, Immutable, Alias("citycard.policy-simulation-result")]
public sealed record PolicySimulationResult(SimulationReport? Report, string? Refusal, string? Detail, IReadOnlyList<PolicyDraftError> Errors)
{
    /// <summary>The draft would not pass the silo's policy validation.</summary>
    public const string InvalidPolicyDraft = nameof(InvalidPolicyDraft);

    /// <summary>The period ends before it starts.</summary>
    public const string PeriodBackwards = nameof(PeriodBackwards);

    /// <summary>The period is longer than a simulation covers (92 days).</summary>
    public const string PeriodTooLong = nameof(PeriodTooLong);

    public static PolicySimulationResult Reported(SimulationReport report) => new(report, null, null, []);

    public static PolicySimulationResult Refused(string refusal, string detail, IReadOnlyList<PolicyDraftError>? errors = null) => new(null, refusal, detail, errors ?? []);
}

/// <summary>One error of a draft, exactly as the silo reports it for a policy file: the file, the JSON path, the code, the message.</summary>
[GenerateSerializer, Immutable, Alias("citycard.policy-draft-error")]
public sealed record PolicyDraftError(string File, string Path, string Code, string Message);
