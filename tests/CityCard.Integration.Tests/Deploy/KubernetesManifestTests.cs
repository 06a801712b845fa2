using System.Text.Json.Nodes;
using CityCard.Cluster.Tls;
using CityCard.Integration.Tests.Infrastructure;
using CityCard.Silo;
using CityCard.Silo.OrleansTables;
using Microsoft.Extensions.Configuration;
using Npgsql;
using static CityCard.Integration.Tests.Deploy.NetworkPolicies;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>
/// The manifests in deploy/k8s, rendered by kubectl (never skipped: ./test.sh installs kubectl), and the settings they
/// give the silo and the gateways checked against what those programs read.
/// </summary>
public sealed class KubernetesManifestTests
{
    private const string Namespace = "citycard";
    private static readonly string[] Cities = ["zg", "lz", "nj", "yb"];
    private static readonly Lazy<RenderedManifests> Lazily = new(RenderedManifests.Render);

    private static RenderedManifests Manifests => Lazily.Value;

    private static JsonObject Silo => Manifests.Single("Deployment", "citycard-silo");

    private static IEnumerable<JsonObject> Gateways => Cities.Select(c => Manifests.Single("Deployment", $"citycard-gateway-{c}"));

    [Fact]
    public void The_silo_settings_in_the_kustomization_are_accepted_by_the_silo()
    {
        var literals = File.ReadAllLines(Path.Combine(RenderedManifests.RepositoryRoot, "deploy", "k8s", "kustomization.yaml"))
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("- ", StringComparison.Ordinal) && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line[2..].Split('=', 2))
            .ToDictionary(kv => kv[0].Replace("__", ":", StringComparison.Ordinal), kv => (string?)kv[1]);
        literals["ConnectionStrings:CityCard"] = "Host=db;Database=citycard";

        var settings = SiloSettings.From(new ConfigurationBuilder().AddInMemoryCollection(literals).Build());

        Assert.Equal(ClusteringMode.Kubernetes, settings.Clustering);
        Assert.Equal("otlp", settings.Telemetry.Exporter);
        Assert.Equal(9464, settings.Telemetry.MetricsPort);
        Assert.False(settings.DashboardLiveLog);
        Assert.Contains("http://0.0.0.0:9464", literals["Urls"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifests_render_with_what_orleans_kubernetes_hosting_needs_and_a_gateway_per_city()
    {
        var env = RenderedManifests.Env(Silo);
        var labels = Silo["spec"]!["template"]!["metadata"]!["labels"]!;

        foreach (var needed in new[] { "POD_NAME", "POD_NAMESPACE", "POD_IP", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" })
        {
            Assert.True(env.ContainsKey(needed), needed);
        }

        Assert.Equal("citycard", (string?)labels["orleans/serviceId"]);
        Assert.Equal("citycard", (string?)labels["orleans/clusterId"]);
        Assert.NotNull(Manifests.Single("PodDisruptionBudget", "citycard-silo"));
        foreach (var city in Cities)
        {
            var gateway = Manifests.Single("Deployment", $"citycard-gateway-{city}");
            Assert.Equal(city.ToUpperInvariant(), (string?)RenderedManifests.Env(gateway)["Gateway__City"]["value"]);
            Assert.Equal($"citycard-gateway-keys-{city}", (string?)RenderedManifests.Container(gateway)["envFrom"]![0]!["secretRef"]!["name"]);
            Assert.NotNull(Manifests.Single("Service", $"citycard-gateway-{city}"));
        }
    }

    [Fact]
    public void PostgreSQL_is_a_CloudNativePG_cluster_of_a_primary_and_synchronous_replicas_whose_secret_the_silos_use()
    {
        var cluster = Manifests.Single("Cluster", "citycard-postgres");
        var spec = cluster["spec"]!;

        Assert.Equal("postgresql.cnpg.io/v1", (string?)cluster["apiVersion"]);
        Assert.True(int.Parse((string)spec["instances"]!, System.Globalization.CultureInfo.InvariantCulture) >= 3, "a primary and at least two replicas");
        Assert.Equal("1", (string?)spec["postgresql"]!["synchronous"]!["number"]);
        Assert.Equal("citycard", (string?)spec["bootstrap"]!["initdb"]!["database"]);
        Assert.StartsWith("ghcr.io/cloudnative-pg/postgresql:15.", (string?)spec["imageName"], StringComparison.Ordinal);

        var env = RenderedManifests.Env(Silo);
        foreach (var (variable, key) in new[] { ("DB_HOST", "host"), ("DB_PORT", "port"), ("DB_NAME", "dbname"), ("DB_USER", "username"), ("DB_PASSWORD", "password") })
        {
            var reference = env[variable]["valueFrom"]!["secretKeyRef"]!;
            Assert.Equal("citycard-postgres-app", (string?)reference["name"]);
            Assert.Equal(key, (string?)reference["key"]);
        }

        var connection = ConnectionString(Silo, ("DB_HOST", "citycard-postgres-rw"), ("DB_PORT", "5432"), ("DB_NAME", "citycard"), ("DB_USER", "citycard"), ("DB_PASSWORD", "secret"));
        Assert.Equal("citycard-postgres-rw", connection.Host);
        Assert.Equal(SslMode.VerifyFull, connection.SslMode);
        Assert.Equal("/etc/citycard/postgres-ca/ca.crt", connection.RootCertificate);
        Assert.Equal("citycard-postgres-ca", (string?)Volume(Silo, "/etc/citycard/postgres-ca")["secret"]!["secretName"]);
    }

    [Fact]
    public void The_gateways_connect_with_the_limited_role_the_silos_schema_grants_and_postgres_gives_a_login()
    {
        var role = Manifests.Single("Cluster", "citycard-postgres")["spec"]!["managed"]!["roles"]!.AsArray()
            .Single(r => (string?)r!["name"] == OrleansSchema.GatewayRole)!;
        Assert.Equal("true", (string?)role["login"]);
        Assert.Equal("citycard-postgres-gateway", (string?)role["passwordSecret"]!["name"]);

        foreach (var gateway in Gateways)
        {
            var connection = ConnectionString(gateway, ("DB_PASSWORD", "secret"));
            var password = RenderedManifests.Env(gateway)["DB_PASSWORD"]["valueFrom"]!["secretKeyRef"]!;

            Assert.Equal(OrleansSchema.GatewayRole, connection.Username);
            Assert.Equal("citycard-postgres-rw", connection.Host);
            Assert.Equal(SslMode.VerifyFull, connection.SslMode);
            Assert.Equal("citycard-postgres-gateway", (string?)password["name"]);
            Assert.DoesNotContain("citycard-postgres-app", RenderedManifests.Container(gateway).ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Silos_and_gateways_have_startup_liveness_and_readiness_probes_on_the_endpoints_they_serve()
    {
        foreach (var deployment in Manifests.SiloAndGateways())
        {
            var container = RenderedManifests.Container(deployment);
            Assert.Equal("/health", (string?)container["startupProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/health", (string?)container["livenessProbe"]!["httpGet"]!["path"]);
            Assert.Equal("/health/ready", (string?)container["readinessProbe"]!["httpGet"]!["path"]);
            foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
            {
                Assert.Equal("http", (string?)container[probe]!["httpGet"]!["port"]);
            }
        }
    }

    [Fact]
    public void Every_workload_has_resource_requests_and_a_memory_limit()
    {
        var workloads = Manifests.SiloAndGateways().Select(d => (Name: (string)d["metadata"]!["name"]!, Resources: RenderedManifests.Container(d)["resources"]))
            .Append(("citycard-postgres", Manifests.Single("Cluster", "citycard-postgres")["spec"]!["resources"]));

        foreach (var (name, resources) in workloads)
        {
            Assert.True(resources?["requests"]?["cpu"] is not null, $"{name}: cpu request");
            Assert.True(resources?["requests"]?["memory"] is not null, $"{name}: memory request");
            Assert.True(resources?["limits"]?["memory"] is not null, $"{name}: memory limit");
        }
    }

    [Fact]
    public void Silos_and_gateways_are_scraped_at_metrics_on_a_port_of_its_own_that_they_listen_on()
    {
        foreach (var deployment in Manifests.SiloAndGateways())
        {
            var annotations = deployment["spec"]!["template"]!["metadata"]!["annotations"]!;
            var metrics = RenderedManifests.Container(deployment)["ports"]!.AsArray().Single(p => (string?)p!["name"] == "metrics")!;
            Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
            Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
            Assert.Equal("9464", (string?)annotations["prometheus.io/port"]);
            Assert.Equal("9464", (string?)metrics["containerPort"]);
        }

        foreach (var gateway in Gateways)
        {
            var env = RenderedManifests.Env(gateway);
            Assert.Equal("9464", (string?)env["Telemetry__MetricsPort"]["value"]);
            Assert.Contains("http://0.0.0.0:9464", (string?)env["Urls"]["value"], StringComparison.Ordinal);
        }

        var monitor = Manifests.Single("PodMonitor", "citycard")["spec"]!;
        var apps = monitor["selector"]!["matchExpressions"]![0]!["values"]!.AsArray().Select(v => (string?)v).ToList();
        Assert.Equal(["citycard-silo", "citycard-gateway"], apps);
        Assert.Equal("metrics", (string?)monitor["podMetricsEndpoints"]![0]!["port"]);
        Assert.Equal("/metrics", (string?)monitor["podMetricsEndpoints"]![0]!["path"]);
    }

    [Fact]
    public void Alert_rules_cover_lag_gaps_broken_chains_5xx_answers_and_cap_crossings()
    {
        var rules = Manifests.Single("PrometheusRule", "citycard")["spec"]!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .ToDictionary(r => (string)r!["alert"]!, r => (string)r!["expr"]!);

        Assert.Contains("citycard_projection_lag", rules["CityCardProjectionLagging"], StringComparison.Ordinal);
        Assert.Contains("citycard_projection_gaps", rules["CityCardSequenceGaps"], StringComparison.Ordinal);
        Assert.Contains("citycard_integrity_broken_streams_total", rules["CityCardHashChainBroken"], StringComparison.Ordinal);
        Assert.Contains("http_response_status_code=~\"5..\"", rules["CityCardGateway5xx"], StringComparison.Ordinal);
        Assert.Contains("citycard_clearing_net_debit_cap_crossings_total", rules["CityCardNetDebitCapCrossed"], StringComparison.Ordinal);
    }

    [Fact]
    public void Network_policies_let_only_silos_and_gateways_reach_the_orleans_ports_and_postgres()
    {
        var policies = new NetworkPolicies(Manifests.OfKind("NetworkPolicy"), Namespace);
        var silo = Pod.In(Namespace, ("app", "citycard-silo"));
        var gateway = Pod.In(Namespace, ("app", "citycard-gateway"), ("citycard/city", "ZG"));
        var postgres = Pod.In(Namespace, ("cnpg.io/cluster", "citycard-postgres"));
        var neighbour = Pod.In(Namespace, ("app", "something-else"));
        var elsewhere = Pod.In("default", ("app", "citycard-silo"));
        var prometheus = Pod.In("monitoring", ("app", "prometheus"));
        var operatorPod = Pod.In("cnpg-system", ("app.kubernetes.io/name", "cloudnative-pg"));

        Assert.True(policies.Allows(silo, silo, 11111));
        Assert.True(policies.Allows(gateway, silo, 30000));
        Assert.False(policies.Allows(gateway, silo, 11111));
        foreach (var outsider in new[] { neighbour, elsewhere, prometheus, postgres })
        {
            Assert.False(policies.Allows(outsider, silo, 11111));
            Assert.False(policies.Allows(outsider, silo, 30000));
            Assert.False(policies.Allows(outsider, postgres, 5432) && outsider != postgres);
        }

        Assert.True(policies.Allows(silo, postgres, 5432));
        Assert.True(policies.Allows(gateway, postgres, 5432));
        Assert.True(policies.Allows(postgres, postgres, 5432));
        Assert.True(policies.Allows(operatorPod, postgres, 8000));
        Assert.True(policies.Allows(prometheus, silo, 9464));
        Assert.True(policies.Allows(prometheus, gateway, 9464));
        Assert.False(policies.Allows(neighbour, silo, 8080));
        Assert.False(policies.Allows(neighbour, silo, 9464));
        Assert.True(policies.Allows(Pod.In("ingress-nginx", ("app", "ingress")), gateway, 8080));
        Assert.False(policies.Allows(Pod.In("ingress-nginx", ("app", "ingress")), gateway, 9464));
        Assert.False(policies.Allows(neighbour, gateway, 30000));
    }

    [Fact]
    public void Silos_and_gateways_use_mutual_tls_with_certificates_from_secrets_that_the_programs_accept()
    {
        using var certificates = new TestCertificates();
        foreach (var (deployment, secret, own) in Gateways.Select(g => (g, "citycard-gateway-tls", certificates.Gateway()))
                     .Prepend((Silo, "citycard-silo-tls", certificates.Silo())))
        {
            var env = RenderedManifests.Env(deployment);
            var mount = Path.GetDirectoryName((string)env["Cluster__Tls__CertificatePath"]["value"]!)!;
            Assert.Equal(secret, (string?)Volume(deployment, mount)["secret"]!["secretName"]);

            // The mounted secret, stood in for by a folder holding tls.crt, tls.key and ca.crt made in the test.
            var folder = Directory.CreateTempSubdirectory("citycard-mounted-tls-");
            try
            {
                File.Copy(own.CertificatePath, Path.Combine(folder.FullName, "tls.crt"));
                File.Copy(own.KeyPath, Path.Combine(folder.FullName, "tls.key"));
                File.Copy(certificates.AuthorityPath, Path.Combine(folder.FullName, "ca.crt"));
                var settings = env.Where(e => e.Key.StartsWith("Cluster__Tls__", StringComparison.Ordinal))
                    .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)((string)e.Value["value"]!).Replace(mount, folder.FullName, StringComparison.Ordinal));

                var tls = ClusterTlsSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

                Assert.NotNull(tls);
                Assert.Equal("citycard-silo", tls.SiloName);
                using var loaded = ClusterTls.LoadCertificate(tls);
                Assert.True(ClusterTrust.Load(tls).Trusts(loaded, null, peerIsServer: false, peerMustBeSilo: secret == "citycard-silo-tls"));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        var siloCertificate = Manifests.Single("Certificate", "citycard-silo-tls")["spec"]!;
        var gatewayCertificate = Manifests.Single("Certificate", "citycard-gateway-tls")["spec"]!;
        Assert.Contains("citycard-silo", siloCertificate["dnsNames"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("server auth", siloCertificate["usages"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("client auth", siloCertificate["usages"]!.AsArray().Select(n => (string?)n));
        Assert.DoesNotContain("citycard-silo", gatewayCertificate["dnsNames"]!.AsArray().Select(n => (string?)n));
        Assert.DoesNotContain("server auth", gatewayCertificate["usages"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("citycard-cluster-ca", (string?)siloCertificate["issuerRef"]!["name"]);
        Assert.Equal("true", (string?)Manifests.Single("Certificate", "citycard-cluster-ca")["spec"]!["isCA"]);
    }

    [Fact]
    public void The_images_deployed_are_the_ones_scripts_build_images_builds()
    {
        var images = Manifests.SiloAndGateways().Select(d => (string)RenderedManifests.Container(d)["image"]!).Distinct().Order().ToList();
        var script = File.ReadAllText(Path.Combine(RenderedManifests.RepositoryRoot, "scripts", "build-images.sh"));

        Assert.Equal(["citycard/gateway:0.1.0", "citycard/silo:0.1.0"], images);
        Assert.Contains("-p:ContainerRepository=\"citycard/$name\"", script, StringComparison.Ordinal);
        Assert.Contains("newTag:", script, StringComparison.Ordinal);
    }

    /// <summary>The container's connection string as Kubernetes expands it, with the given values for its $(VARS).</summary>
    private static NpgsqlConnectionStringBuilder ConnectionString(JsonObject deployment, params (string Name, string Value)[] variables)
    {
        var text = (string)RenderedManifests.Env(deployment)["ConnectionStrings__CityCard"]["value"]!;
        foreach (var (name, value) in variables)
        {
            text = text.Replace($"$({name})", value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("$(", text, StringComparison.Ordinal);
        return new NpgsqlConnectionStringBuilder(text);
    }

    /// <summary>The pod volume mounted at <paramref name="mountPath"/> in the container.</summary>
    private static JsonNode Volume(JsonObject deployment, string mountPath)
    {
        var mount = RenderedManifests.Container(deployment)["volumeMounts"]!.AsArray().Single(m => (string?)m!["mountPath"] == mountPath)!;
        return deployment["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)mount["name"])!;
    }
}
