using System.Diagnostics;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>
/// deploy/k8s as Kubernetes would receive it: rendered by `kubectl kustomize` (kubectl from PATH, or the one
/// scripts/ensure-kubectl.sh installed; ./test.sh makes sure there is one) and parsed, one JSON node per object.
/// </summary>
public sealed class RenderedManifests
{
    private RenderedManifests(IReadOnlyList<JsonObject> objects) => Objects = objects;

    public IReadOnlyList<JsonObject> Objects { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static RenderedManifests Render()
    {
        using var process = Process.Start(new ProcessStartInfo(Kubectl(), ["kustomize", Path.Combine(RepositoryRoot, "deploy", "k8s")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize failed: {errors}");
        return new RenderedManifests(Parse(output));
    }

    public JsonObject Single(string kind, string name) =>
        Objects.SingleOrDefault(o => (string?)o["kind"] == kind && (string?)o["metadata"]?["name"] == name)
        ?? throw new Xunit.Sdk.XunitException($"No {kind} named {name} in the rendered manifests.");

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The silo's Deployment and every city's gateway Deployment.</summary>
    public IEnumerable<JsonObject> SiloAndGateways() => OfKind("Deployment");

    public static JsonObject Container(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject();

    /// <summary>A container's plain environment variables (name → value; secret and field references have no value).</summary>
    public static Dictionary<string, JsonObject> Env(JsonObject deployment) =>
        Container(deployment)["env"]!.AsArray().Select(e => e!.AsObject()).ToDictionary(e => (string)e["name"]!);

    private static List<JsonObject> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var json = new SerializerBuilder().JsonCompatible().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var objects = new List<JsonObject>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize(parser);
            if (document is not null)
            {
                objects.Add(JsonNode.Parse(json.Serialize(document))!.AsObject());
            }
        }

        return objects;
    }

    private static string Kubectl()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "kubectl"))
            .Append(Path.Combine(RepositoryRoot, "artifacts", "tools", "kubectl", "kubectl"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new Xunit.Sdk.XunitException("kubectl is not installed: run the tests with ./test.sh, which installs it (scripts/ensure-kubectl.sh).");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root.");
    }
}
