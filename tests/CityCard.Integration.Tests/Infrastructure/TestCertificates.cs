using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// Certificates made in the test, the way deploy/k8s/cluster-tls makes them with cert-manager: a cluster authority,
/// and from it a silo certificate (DNS name citycard-silo, server and client authentication) and a gateway certificate
/// (DNS name citycard-gateway, client authentication only). Written as PEM files (tls.crt, tls.key, ca.crt) into a
/// folder of their own, deleted on dispose.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("citycard-tls-");

    public TestCertificates(string authorityName = "citycard-cluster-ca")
    {
        Authority = NewAuthority(authorityName);
        AuthorityPath = Write("ca.crt", Authority.ExportCertificatePem());
    }

    public X509Certificate2 Authority { get; }

    public string AuthorityPath { get; }

    /// <summary>A silo's certificate: names citycard-silo, fit for both sides of a handshake.</summary>
    public Issued Silo(string name = "silo") => Issue(name, "citycard-silo", ServerAuthentication, ClientAuthentication);

    /// <summary>A gateway's certificate: names citycard-gateway, fit for client authentication only.</summary>
    public Issued Gateway(string name = "gateway") => Issue(name, "citycard-gateway", ClientAuthentication);

    public Issued Issue(string name, string dnsName, params Oid[] usages) => Issue(name, dnsName, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), usages);

    public Issued Issue(string name, string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter, params Oid[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(Authority, notBefore, notAfter, serial);
        var certificate = issued.CopyWithPrivateKey(key);
        return new Issued(
            certificate,
            Write($"{name}.crt", certificate.ExportCertificatePem()),
            Write($"{name}.key", key.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>The Cluster:Tls settings of a process holding <paramref name="own"/> and trusting this authority.</summary>
    public Dictionary<string, string?> Settings(Issued own) => new()
    {
        ["Cluster:Tls:CertificatePath"] = own.CertificatePath,
        ["Cluster:Tls:KeyPath"] = own.KeyPath,
        ["Cluster:Tls:CaPath"] = AuthorityPath,
    };

    public void Dispose()
    {
        Authority.Dispose();
        folder.Delete(recursive: true);
    }

    private static X509Certificate2 NewAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddYears(1));
    }

    private string Write(string file, string pem)
    {
        var path = Path.Combine(folder.FullName, file);
        File.WriteAllText(path, pem);
        return path;
    }

    /// <summary>A certificate with its private key, and where its PEM files are.</summary>
    public sealed record Issued(X509Certificate2 Certificate, string CertificatePath, string KeyPath);
}
