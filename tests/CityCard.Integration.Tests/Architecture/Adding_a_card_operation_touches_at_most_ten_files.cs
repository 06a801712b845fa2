using System.Reflection;
using System.Text.RegularExpressions;
using CityCard.Contracts;
using CityCard.Integration.Tests.Deploy;

namespace CityCard.Integration.Tests.Architecture;

/// <summary>
/// The worked example in docs/design/architecture.md ("Adding a card operation") is a claim about the code: it lists
/// at most ten files, each of them exists, and the places it says need no line really take none (decision 0081).
/// </summary>
public sealed partial class Adding_a_card_operation_touches_at_most_ten_files
{
    private static readonly string Architecture = File.ReadAllText(Path.Combine(RenderedManifests.RepositoryRoot, "docs", "design", "architecture.md"));

    [Fact]
    public void The_worked_example_lists_at_most_ten_files_and_each_exists()
    {
        var section = Architecture[Architecture.IndexOf("## Adding a card operation", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var files = TableRow().Matches(section).Select(m => m.Groups["path"].Value).ToList();

        Assert.InRange(files.Count, 1, 10);
        Assert.All(files, path => Assert.True(File.Exists(Path.Combine(RenderedManifests.RepositoryRoot, path)), $"{path} is listed but does not exist."));
    }

    [Fact]
    public void The_card_grain_has_one_command_entry_and_queries()
    {
        var commands = typeof(ICardGrain).GetMethods().Where(m => m.ReturnType == typeof(Task<CardOperationResult>)).Select(m => m.Name);

        Assert.Equal(["Execute"], commands);
        Assert.Equal(typeof(CardRequest), typeof(ICardGrain).GetMethod(nameof(ICardGrain.Execute))!.GetParameters().Single().ParameterType);
    }

    [Fact]
    public void Every_card_request_type_can_travel_through_the_one_entry()
    {
        // Each request crosses the wire as a CardRequest, so each must carry its own serializer alias.
        var requests = typeof(CardRequest).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CardRequest)) && !t.IsAbstract).ToList();

        Assert.NotEmpty(requests);
        Assert.All(requests, t => Assert.NotEmpty(t.GetCustomAttributes<AliasAttribute>(inherit: false)));
    }

    [GeneratedRegex(@"^\| \d+ \| `(?<path>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
