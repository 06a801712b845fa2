using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace CityCard.Cluster.Tls;

/// <summary>
/// Mutual TLS on every Orleans connection (Microsoft.Orleans.Connections.Security), the same way on silos and on
/// clients: each side presents its certificate and checks the other's against <see cref="ClusterTrust"/>. A silo
/// accepts on its silo port only silos (certificates naming <see cref="ClusterTlsSettings.SiloName"/>), on its gateway
/// port any certificate of the cluster's authorities (the gateways'); a client talks only to silos.
/// </summary>
public static class ClusterTls
{
    public static ISiloBuilder UseCityCardTls(this ISiloBuilder silo, ClusterTlsSettings settings)
    {
        var certificate = LoadCertificate(settings);
        var trust = ClusterTrust.Load(settings);
        return silo.Configure<SiloConnectionOptions>(connections =>
        {
            connections.ConfigureSiloInboundConnection(c => c.UseServerTls(Options(certificate, trust, settings, peerIsServer: false, peerMustBeSilo: true)));
            connections.ConfigureSiloOutboundConnection(c => c.UseClientTls(Options(certificate, trust, settings, peerIsServer: true, peerMustBeSilo: true)));
            connections.ConfigureGatewayInboundConnection(c => c.UseServerTls(Options(certificate, trust, settings, peerIsServer: false, peerMustBeSilo: false)));
        });
    }

    public static IClientBuilder UseCityCardTls(this IClientBuilder client, ClusterTlsSettings settings)
    {
        var certificate = LoadCertificate(settings);
        var trust = ClusterTrust.Load(settings);
        return client.UseTls(certificate, options => Configure(options, trust, settings, peerIsServer: true, peerMustBeSilo: true));
    }

    /// <summary>This process's certificate, with its private key, from PEM files or a PKCS#12 file.</summary>
    public static X509Certificate2 LoadCertificate(ClusterTlsSettings settings)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = settings.KeyPath is null
                ? X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.Password)
                : settings.Password is null
                    ? X509Certificate2.CreateFromPemFile(settings.CertificatePath, settings.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(settings.CertificatePath, settings.Password, settings.KeyPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{ClusterTlsSettings.Section}: cannot load the certificate '{settings.CertificatePath}' with its key: {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"{ClusterTlsSettings.Section}:CertificatePath '{settings.CertificatePath}' has no private key.");
        }

        return certificate;
    }

    private static TlsOptions Options(X509Certificate2 certificate, ClusterTrust trust, ClusterTlsSettings settings, bool peerIsServer, bool peerMustBeSilo)
    {
        var options = new TlsOptions { LocalCertificate = certificate };
        Configure(options, trust, settings, peerIsServer, peerMustBeSilo);
        return options;
    }

    private static void Configure(TlsOptions options, ClusterTrust trust, ClusterTlsSettings settings, bool peerIsServer, bool peerMustBeSilo)
    {
        // Both ends always present a certificate: the silo side requires the client's, the client sends its own.
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, chain, _) => trust.Trusts(remote, chain, peerIsServer, peerMustBeSilo);

        // SNI names the silos; the platform's host-name check is replaced by ClusterTrust, which addresses no host.
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = settings.SiloName;
    }
}
