using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Grains.Policies;

/// <summary>
/// Finds the policy folder and loads the five files from it. The reading of files is the only impure part; parsing
/// and validation are <see cref="PolicyLoader"/>'s, in the pure domain.
/// </summary>
public static class PolicyDirectory
{
    /// <summary>
    /// The folder to read: the configured one if given (it must exist), else <c>policies/</c> beside the program (the
    /// silo copies the repository's there), else the first <c>policies/</c> holding a region.json above it (tests and
    /// <c>dotnet run</c> from a checkout).
    /// </summary>
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            return Directory.Exists(full)
                ? full
                : throw new PolicyLoadException(full, [new PolicyError(full, "$", PolicyErrorCode.MissingFile, "The configured Policies:Directory does not exist.")]);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies");
            if (File.Exists(Path.Combine(candidate, PolicyLoader.RegionFile)))
            {
                return candidate;
            }
        }

        throw new PolicyLoadException(AppContext.BaseDirectory, [new PolicyError("policies/", "$", PolicyErrorCode.MissingFile, "No policies/ folder beside or above the program; set Policies:Directory.")]);
    }

    /// <summary>Loads and validates the folder's files; throws <see cref="PolicyLoadException"/> with every problem.</summary>
    public static PolicySet Load(string directory)
    {
        var result = PolicyLoader.Load(Read(directory).Sources);
        return result.Policies ?? throw new PolicyLoadException(directory, result.Errors);
    }

    /// <summary>The folder's files as read (a file over the size limit as too long): what a draft is validated beside.</summary>
    public static PolicyFiles Read(string directory)
    {
        var names = Cities.All.Select(PolicyLoader.FileOf).Append(PolicyLoader.RegionFile);
        var sources = new List<PolicySource>();
        foreach (var name in names)
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                var info = new FileInfo(path);
                sources.Add(new PolicySource(name, info.Length > PolicyLimits.MaxFileBytes ? new string(' ', PolicyLimits.MaxFileBytes + 1) : File.ReadAllText(path)));
            }
        }

        return new PolicyFiles(sources);
    }
}
