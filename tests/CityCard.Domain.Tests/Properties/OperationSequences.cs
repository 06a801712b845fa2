using CsCheck;

namespace CityCard.Domain.Tests.Properties;

public enum StepKind
{
    TopUp,

    /// <summary>A top-up of exactly what the ceiling leaves room for, or one fen more.</summary>
    TopUpToCeiling,
    Charge,

    /// <summary>A charge of exactly the balance, or one fen more.</summary>
    ChargeEverything,
    Reverse,
    Block,
    Unblock,

    /// <summary>Send an earlier request again, unchanged.</summary>
    Retry,

    /// <summary>Reuse the id of a recorded operation for different content.</summary>
    Conflict,
    Replace,
    Close,
}

/// <summary>
/// One step of a random sequence, as plain numbers the driver turns into a request: <see cref="Pick"/> chooses among
/// earlier requests or charges, cities, reasons; <see cref="MinutesLater"/> moves the clock on before the step.
/// </summary>
public readonly record struct Step(StepKind Kind, long AmountFen, int Pick, int MinutesLater);

/// <summary>How the card under test starts: freshly issued, or as a replacement that received a balance.</summary>
public readonly record struct Start(bool AsReplacement, int ProductPick, long DepositFen, long FundsFen);

public static class OperationSequences
{
    public static readonly Gen<StepKind> Kind = Gen.FrequencyConst(
        (20, StepKind.TopUp),
        (4, StepKind.TopUpToCeiling),
        (25, StepKind.Charge),
        (4, StepKind.ChargeEverything),
        (12, StepKind.Reverse),
        (5, StepKind.Block),
        (5, StepKind.Unblock),
        (12, StepKind.Retry),
        (8, StepKind.Conflict),
        (1, StepKind.Replace),
        (1, StepKind.Close));

    /// <summary>Mostly fares and small loads, often large loads that meet the ceiling, now and then a malformed amount.</summary>
    public static readonly Gen<long> AmountFen = Gen.Frequency(
        (12, Gen.Long[1, 3_000]),
        (6, Gen.Long[3_000, CardLimits.MaxOperationAmount.Fen]),
        (1, Gen.Long[-100, 0]),
        (1, Gen.Long[CardLimits.MaxOperationAmount.Fen + 1, CardLimits.MaxOperationAmount.Fen * 2]));

    public static readonly Gen<Step> Step = Gen.Select(Kind, AmountFen, Gen.Int[0, 1_000_000], Gen.Int[0, 240], (k, a, p, m) => new Step(k, a, p, m));

    public static readonly Gen<Start> Start = Gen.Select(
        Gen.Bool,
        Gen.Int[0, 2],
        Gen.Long[0, CardLimits.MaxDeposit.Fen],
        Gen.Long[0, CardLimits.DefaultBalanceCeiling.Fen],
        (r, p, d, f) => new Start(r, p, d, f));

    public static readonly Gen<(Start Start, Step[] Steps)> Scenario = Gen.Select(Start, Step.Array[1, 50]);
}
