using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CityCard.Cli;

namespace CityCard.Domain.Tests.Architecture;

/// <summary>
/// The CLI talks to the gateways over HTTP and never joins the cluster, so it carries no Orleans. What that means
/// exactly (docs/decisions/0028): the contract types it shares with the grains keep Orleans' serializer attributes,
/// so one Orleans assembly is in its closure, Orleans.Serialization.Abstractions, and of it nothing but attribute
/// types is used. No Orleans serializer, client, runtime or grain interface is in the closure at all.
/// </summary>
public sealed class The_cli_speaks_http_without_orleans
{
    private const string AttributesOnly = "Orleans.Serialization.Abstractions";

    private static readonly string Framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;

    /// <summary>Every assembly the CLI can load, outside the .NET shared framework, by following references.</summary>
    private static Dictionary<string, Assembly> Closure()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(CliApp).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var loaded = Assembly.Load(reference);
                if (Path.GetDirectoryName(loaded.Location) != Framework)
                {
                    pending.Push(loaded);
                }
            }
        }

        return found;
    }

    [Fact]
    public void The_only_orleans_assembly_in_the_cli_closure_is_the_attributes()
    {
        var orleans = Closure().Keys.Where(name => name.StartsWith("Orleans", StringComparison.Ordinal) || name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));

        Assert.Equal([AttributesOnly], orleans);
    }

    [Fact]
    public void The_cli_closure_has_no_grain_interface_grain_or_gateway()
    {
        var closure = Closure().Keys.ToList();

        Assert.Contains("CityCard.Client", closure);
        Assert.Contains("CityCard.Contracts", closure);
        Assert.DoesNotContain(closure, name => name is "CityCard.GrainInterfaces" or "CityCard.Grains" or "CityCard.Gateway" or "CityCard.Cluster");
    }

    [Fact]
    public void Of_orleans_the_cli_closure_uses_attributes_and_nothing_else()
    {
        var used = new List<string>();
        foreach (var assembly in Closure().Values.Where(a => a.GetName().Name != AttributesOnly))
        {
            used.AddRange(TypesUsedFrom(assembly, AttributesOnly));
        }

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.EndsWith("Attribute", name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_attributes_assembly_depends_on_no_other_orleans_assembly()
    {
        var attributes = Closure()[AttributesOnly];

        Assert.DoesNotContain(attributes.GetReferencedAssemblies(), r => r.Name!.Contains("Orleans", StringComparison.Ordinal));
    }

    /// <summary>The names of the types <paramref name="assembly"/>'s metadata refers to in the assembly named <paramref name="target"/>.</summary>
    private static List<string> TypesUsedFrom(Assembly assembly, string target)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.AssemblyReference &&
                metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name) == target)
            {
                names.Add($"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}");
            }
        }

        return names;
    }
}
