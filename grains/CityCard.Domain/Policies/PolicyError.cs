namespace CityCard.Domain.Policies;

/// <summary>One problem in one policy file: the file, where in it (a JSON path), what kind of problem, and in words.</summary>
/// <param name="Path">A JSON path such as <c>$.versions[1].bus.routeClasses[0].fare</c>.</param>
public sealed record PolicyError(string File, string Path, PolicyErrorCode Code, string Message)
{
    public override string ToString() => $"{File} {Path}: {Code}: {Message}";
}
