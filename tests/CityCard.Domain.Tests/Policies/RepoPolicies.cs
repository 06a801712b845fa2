using System.Text.Json;
using System.Text.Json.Nodes;
using CityCard.Contracts;
using CityCard.Domain.Policies;

namespace CityCard.Domain.Tests.Policies;

/// <summary>
/// The repository's own policy files (policies/*.json), read from the checkout, so that table tests check fares a
/// reader can find in those files. Variants are made by editing the parsed JSON, never by hand-copied text.
/// </summary>
public static class RepoPolicies
{
    private static readonly Lazy<IReadOnlyList<PolicySource>> Files = new(ReadFiles);
    private static readonly Lazy<PolicySet> Loaded = new(() => Load(Files.Value));

    public static PolicySet Set => Loaded.Value;

    public static IReadOnlyList<PolicySource> Sources => Files.Value;

    public static string Folder { get; } = FindFolder();

    /// <summary>The repository's files with one of them edited; the edit gets the file's parsed JSON.</summary>
    public static IReadOnlyList<PolicySource> With(string file, Action<JsonObject> edit) =>
        Sources.Select(s => s.FileName == file ? new PolicySource(file, Edit(s.Text, edit)) : s).ToList();

    public static IReadOnlyList<PolicySource> Without(string file) => Sources.Where(s => s.FileName != file).ToList();

    public static PolicySet Load(IEnumerable<PolicySource> sources)
    {
        var result = PolicyLoader.Load(sources);
        return result.Policies ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }

    public static string Edit(string text, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    public static string FileOf(City city) => PolicyLoader.FileOf(city);

    private static List<PolicySource> ReadFiles() =>
        Directory.GetFiles(Folder, "*.json").Select(f => new PolicySource(Path.GetFileName(f), File.ReadAllText(f))).ToList();

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "policies");
            if (File.Exists(Path.Combine(candidate, PolicyLoader.RegionFile)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No policies/ folder above the test binaries.");
    }
}
