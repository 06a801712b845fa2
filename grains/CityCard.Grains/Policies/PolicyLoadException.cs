using CityCard.Domain.Policies;

namespace CityCard.Grains.Policies;

/// <summary>The policy files are missing or wrong: the silo must not start. The message lists every problem.</summary>
public sealed class PolicyLoadException(string directory, IReadOnlyList<PolicyError> errors)
    : Exception(Describe(directory, errors))
{
    public string Directory { get; } = directory;

    public IReadOnlyList<PolicyError> Errors { get; } = errors;

    private static string Describe(string directory, IReadOnlyList<PolicyError> errors) =>
        $"The fare policies in {directory} are invalid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}); the silo will not start:"
        + string.Concat(errors.Select(e => $"{Environment.NewLine}  {e}"));
}
