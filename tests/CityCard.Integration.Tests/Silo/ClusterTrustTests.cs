using System.Security.Cryptography.X509Certificates;
using CityCard.Cluster.Tls;
using CityCard.Integration.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace CityCard.Integration.Tests.Silo;

/// <summary>Which certificates the cluster accepts on which side of which connection (ClusterTrust), case by case.</summary>
public sealed class ClusterTrustTests : IDisposable
{
    private readonly TestCertificates cluster = new();
    private readonly TestCertificates stranger = new("someone-elses-ca");
    private readonly ClusterTrust trust;

    public ClusterTrustTests()
    {
        trust = ClusterTrust.Load(ClusterTlsSettings.From(Configuration(cluster.Settings(cluster.Silo())))!);
    }

    public void Dispose()
    {
        cluster.Dispose();
        stranger.Dispose();
    }

    [Fact]
    public void A_silo_certificate_is_trusted_on_both_sides_of_a_silo_to_silo_connection()
    {
        var silo = cluster.Silo("other-silo").Certificate;

        Assert.True(trust.Trusts(silo, null, peerIsServer: true, peerMustBeSilo: true));
        Assert.True(trust.Trusts(silo, null, peerIsServer: false, peerMustBeSilo: true));
    }

    [Fact]
    public void A_gateway_certificate_reaches_the_gateway_port_but_cannot_pass_for_a_silo()
    {
        var gateway = cluster.Gateway().Certificate;

        Assert.True(trust.Trusts(gateway, null, peerIsServer: false, peerMustBeSilo: false));
        Assert.False(trust.Trusts(gateway, null, peerIsServer: false, peerMustBeSilo: true));
        Assert.False(trust.Trusts(gateway, null, peerIsServer: true, peerMustBeSilo: true));
    }

    [Fact]
    public void A_certificate_of_another_authority_is_refused_even_when_it_names_the_silos()
    {
        var impostor = stranger.Silo("impostor").Certificate;

        Assert.False(trust.Trusts(impostor, null, peerIsServer: true, peerMustBeSilo: true));
        Assert.False(trust.Trusts(impostor, null, peerIsServer: false, peerMustBeSilo: false));
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        var expired = cluster.Issue("expired", "citycard-silo", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1), new("1.3.6.1.5.5.7.3.1"), new("1.3.6.1.5.5.7.3.2")).Certificate;

        Assert.False(trust.Trusts(expired, null, peerIsServer: true, peerMustBeSilo: true));
    }

    [Fact]
    public void A_certificate_only_for_clients_is_refused_as_a_server()
    {
        var clientOnly = cluster.Issue("client-only", "citycard-silo", new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")).Certificate;

        Assert.False(trust.Trusts(clientOnly, null, peerIsServer: true, peerMustBeSilo: true));
        Assert.True(trust.Trusts(clientOnly, null, peerIsServer: false, peerMustBeSilo: true));
    }

    [Fact]
    public void Settings_are_all_or_nothing_and_never_print_the_password()
    {
        var silo = cluster.Silo();

        Assert.Null(ClusterTlsSettings.From(Configuration([])));
        Assert.Throws<InvalidOperationException>(() => ClusterTlsSettings.From(Configuration(new() { ["Cluster:Tls:CertificatePath"] = silo.CertificatePath, ["Cluster:Tls:KeyPath"] = silo.KeyPath })));
        Assert.Throws<InvalidOperationException>(() => ClusterTlsSettings.From(Configuration(new() { ["Cluster:Tls:CaPath"] = cluster.AuthorityPath })));
        Assert.Throws<InvalidOperationException>(() => ClusterTlsSettings.From(Configuration(new() { ["Cluster:Tls:CertificatePath"] = silo.CertificatePath, ["Cluster:Tls:CaPath"] = cluster.AuthorityPath })));
        var withPassword = ClusterTlsSettings.From(Configuration(new(cluster.Settings(silo)) { ["Cluster:Tls:Password"] = "not-for-logs" }))!;
        Assert.DoesNotContain("not-for-logs", withPassword.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pkcs12_file_with_a_password_loads_as_the_certificate()
    {
        var silo = cluster.Silo("pkcs12");
        var path = Path.ChangeExtension(silo.CertificatePath, ".pfx");
        File.WriteAllBytes(path, silo.Certificate.Export(X509ContentType.Pkcs12, "s3cret"));

        var settings = ClusterTlsSettings.From(Configuration(new() { ["Cluster:Tls:CertificatePath"] = path, ["Cluster:Tls:Password"] = "s3cret", ["Cluster:Tls:CaPath"] = cluster.AuthorityPath }))!;
        using var loaded = ClusterTls.LoadCertificate(settings);

        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(silo.Certificate.Thumbprint, loaded.Thumbprint);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
