using System.Diagnostics;
using CityCard.Silo;
using Microsoft.Extensions.Configuration;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>The manifests in deploy/k8s render, and configure the silo with settings it actually reads.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Root = RepositoryRoot();

    [Fact]
    public void The_silo_settings_in_the_kustomization_are_accepted_by_the_silo()
    {
        var literals = File.ReadAllLines(Path.Combine(Root, "deploy", "k8s", "kustomization.yaml"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line[2..].Split('=', 2))
            .ToDictionary(kv => kv[0].Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv[1]);
        literals["ConnectionStrings:CityCard"] = "Host=db;Database=citycard";

        var settings = SiloSettings.From(new ConfigurationBuilder().AddInMemoryCollection(literals).Build());

        Assert.Equal(ClusteringMode.Kubernetes, settings.Clustering);
        Assert.Equal("otlp", settings.TelemetryExporter);
        Assert.False(settings.DashboardAllowRemote);
    }

    [KubectlFact]
    public void The_manifests_render_with_what_orleans_kubernetes_hosting_needs_and_a_gateway_per_city()
    {
        var rendered = Run("kubectl", "kustomize", Path.Combine(Root, "deploy", "k8s"));

        foreach (var needed in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID", "orleans/serviceId: citycard", "orleans/clusterId: citycard", "path: /health", "secretKeyRef", "kind: PodDisruptionBudget" })
        {
            Assert.Contains(needed, rendered, StringComparison.Ordinal);
        }

        foreach (var city in new[] { "zg", "lz", "nj", "yb" })
        {
            Assert.Contains($"name: citycard-gateway-{city}", rendered, StringComparison.Ordinal);
            Assert.Contains($"name: citycard-gateway-keys-{city}", rendered, StringComparison.Ordinal);
            Assert.Contains($"value: {city.ToUpperInvariant()}", rendered, StringComparison.Ordinal);
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }

    private static string RepositoryRoot()
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

/// <summary>A fact that needs kubectl (Debian package kubectl) to render kustomize offline; skipped where it is absent.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "kubectl")));
        if (!onPath)
        {
            Skip = "kubectl is not installed (apt-get install kubectl) so the manifests cannot be rendered here.";
        }
    }
}
