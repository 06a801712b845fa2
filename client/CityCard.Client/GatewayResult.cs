using CityCard.Http;

namespace CityCard.Client;

/// <summary>A gateway's answer: the value on success, else the problem it sent (with its named code).</summary>
public sealed record GatewayResult<T>(T? Value, GatewayProblem? Problem, bool Replayed)
    where T : class
{
    public bool IsSuccess => Problem is null;

    /// <summary>The value, or an exception naming the problem: for callers to whom any problem is a failure.</summary>
    public T Expect() => Value ?? throw new GatewayProblemException(Problem!);
}

public sealed class GatewayProblemException(GatewayProblem problem) : Exception(problem.ToString())
{
    public GatewayProblem Problem { get; } = problem;
}
