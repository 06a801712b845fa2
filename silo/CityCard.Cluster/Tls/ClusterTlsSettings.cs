using Microsoft.Extensions.Configuration;

namespace CityCard.Cluster.Tls;

/// <summary>
/// TLS between silos and between the silos and their clients (settings under Cluster:Tls), read once at start.
/// Off when Cluster:Tls:CertificatePath is empty: the default, for ./run.sh, where everything talks over loopback.
/// On Kubernetes the files come from a secret mounted into the pod (tls.crt, tls.key, ca.crt: deploy/k8s/cluster-tls).
/// </summary>
/// <param name="CertificatePath">This process's certificate: PEM (with <paramref name="KeyPath"/>) or PKCS#12 (.pfx, .p12).</param>
/// <param name="KeyPath">The PEM private key of a PEM certificate; null for PKCS#12.</param>
/// <param name="Password">The PKCS#12 file's password, or the PEM key's if it is encrypted; null when there is none.</param>
/// <param name="CaPath">PEM bundle of the certificate authorities the cluster trusts: every peer must chain to one.</param>
/// <param name="SiloName">The DNS name every silo's certificate carries: what tells a silo's certificate from a client's.</param>
public sealed record ClusterTlsSettings(string CertificatePath, string? KeyPath, string? Password, string CaPath, string SiloName)
{
    public const string Section = "Cluster:Tls";

    public const string DefaultSiloName = "citycard-silo";

    /// <summary>The settings, or null when TLS is off; a half-made configuration stops the process with a message.</summary>
    public static ClusterTlsSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var certificate = Blank(section["CertificatePath"]);
        var key = Blank(section["KeyPath"]);
        var ca = Blank(section["CaPath"]);
        if (certificate is null)
        {
            return key is null && ca is null
                ? null
                : throw new InvalidOperationException($"{Section}:KeyPath or :CaPath is set but {Section}:CertificatePath is not: set all three for TLS, or none.");
        }

        if (ca is null)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath is set but {Section}:CaPath is not: the cluster trusts only the certificate authorities named there.");
        }

        var pkcs12 = certificate.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || certificate.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
        if (!pkcs12 && key is null)
        {
            throw new InvalidOperationException($"{Section}:CertificatePath '{certificate}' is PEM: set {Section}:KeyPath to its private key (or give a .pfx/.p12 file).");
        }

        foreach (var (name, path) in new[] { ("CertificatePath", certificate), ("KeyPath", key), ("CaPath", ca) })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new InvalidOperationException($"{Section}:{name} is '{path}', which does not exist.");
            }
        }

        return new ClusterTlsSettings(certificate, pkcs12 ? null : key, Blank(section["Password"]), ca, Blank(section["SiloName"]) ?? DefaultSiloName);
    }

    /// <summary>Everything but the password, which must never reach a log.</summary>
    public override string ToString() =>
        $"ClusterTlsSettings {{ CertificatePath = {CertificatePath}, KeyPath = {KeyPath}, CaPath = {CaPath}, SiloName = {SiloName} }}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
