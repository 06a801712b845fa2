using System.Reflection;
using System.Text.RegularExpressions;
using CityCard.Client;
using CityCard.Cluster.Tls;
using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Disputes;
using CityCard.Gateway;
using CityCard.Grains.Cards;
using CityCard.Grains.Storage;
using CityCard.Silo;

namespace CityCard.Integration.Tests.Architecture;

/// <summary>
/// One storage module (docs/decisions/0080): of the product's assemblies only CityCard.Storage references Marten or
/// Npgsql, with two named exceptions that use Npgsql for something other than our data: the gateway builds its Orleans
/// membership connection string with Npgsql's builder (the ADO.NET clustering driver), and the cluster's shared
/// telemetry registers Npgsql's OpenTelemetry instrumentation (Npgsql.OpenTelemetry's <c>AddNpgsql</c>, whose optional
/// parameter is a type of Npgsql's, so that CityCard.Cluster references both). And one aggregate shape: no
/// grain builds an event; the pure deciders in CityCard.Domain do.
/// </summary>
public sealed class Only_storage_reaches_postgresql
{
    private static readonly Assembly[] Product =
    [
        typeof(CardNumber).Assembly,                         // CityCard.Contracts
        typeof(ICardGrain).Assembly,                         // CityCard.GrainInterfaces
        typeof(CardDecider).Assembly,                        // CityCard.Domain
        typeof(MartenSetup).Assembly,                        // CityCard.Storage
        typeof(CardGrain).Assembly,                          // CityCard.Grains
        typeof(SiloSetup).Assembly,                          // CityCard.Silo
        typeof(ClusterTls).Assembly,                         // CityCard.Cluster
        typeof(GatewayApp).Assembly,                         // CityCard.Gateway
        typeof(GatewayClient).Assembly,                      // CityCard.Client
        typeof(CityCard.Http.GatewayProblem).Assembly,       // CityCard.Http
    ];

    /// <summary>The assemblies allowed to reference each database assembly besides CityCard.Storage, and why (see the summary).</summary>
    private static readonly Dictionary<string, string[]> Exceptions = new(StringComparer.Ordinal)
    {
        ["Npgsql"] = ["CityCard.Gateway", "CityCard.Cluster"],
        ["Npgsql.OpenTelemetry"] = ["CityCard.Cluster"],
    };

    [Fact]
    public void Only_the_storage_module_references_marten_or_npgsql()
    {
        var offenders =
            from assembly in Product
            let name = assembly.GetName().Name!
            where name != "CityCard.Storage"
            from reference in assembly.GetReferencedAssemblies()
            let target = reference.Name!
            where IsDatabase(target) && !(Exceptions.TryGetValue(target, out var allowed) && allowed.Contains(name))
            select $"{name} -> {target}";

        Assert.Empty(offenders);
        Assert.Contains(typeof(MartenSetup).Assembly.GetReferencedAssemblies(), r => r.Name == "Marten");
        Assert.Contains(typeof(MartenSetup).Assembly.GetReferencedAssemblies(), r => r.Name == "Npgsql");
    }

    [Fact]
    public void No_grain_builds_an_event()
    {
        var events = CardEventTypes.Names.Keys.Concat(DisputeEventTypes.Names.Keys).Concat(CityCard.Domain.Registry.RegistryEventTypes.Names.Keys).Select(t => t.Name).ToList();
        var construction = new Regex($@"new\s+({string.Join('|', events)})\s*\(", RegexOptions.CultureInvariant);
        var grains = Path.Combine(RepositoryRoot(), "grains", "CityCard.Grains");
        var files = Directory.EnumerateFiles(grains, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var built =
            from file in files
            from Match m in construction.Matches(File.ReadAllText(file))
            select $"{Path.GetRelativePath(grains, file)}: {m.Value}";

        Assert.NotEmpty(files);
        Assert.Empty(built);
    }

    private static bool IsDatabase(string assembly) =>
        assembly is "Marten" or "Npgsql" or "Weasel.Postgresql" or "Weasel.Core"
        || assembly.StartsWith("Marten.", StringComparison.Ordinal)
        || assembly.StartsWith("Npgsql.", StringComparison.Ordinal);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CityCard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CityCard.sln above {AppContext.BaseDirectory}.");
    }
}
