using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CityCard.Cluster.Tls;

/// <summary>Who may talk to whom inside the cluster: every peer's certificate is checked here on both sides.</summary>
public sealed class ClusterTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2Collection authorities;
    private readonly string siloName;

    public ClusterTrust(X509Certificate2Collection authorities, string siloName)
    {
        if (authorities.Count == 0)
        {
            throw new ArgumentException("The cluster must trust at least one certificate authority.", nameof(authorities));
        }

        this.authorities = authorities;
        this.siloName = siloName;
    }

    public static ClusterTrust Load(ClusterTlsSettings settings)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(settings.CaPath);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{ClusterTlsSettings.Section}:CaPath '{settings.CaPath}' is not a PEM bundle of certificates: {ex.Message}", ex);
        }

        return authorities.Count > 0
            ? new ClusterTrust(authorities, settings.SiloName)
            : throw new InvalidOperationException($"{ClusterTlsSettings.Section}:CaPath '{settings.CaPath}' holds no certificate.");
    }

    /// <summary>
    /// A peer is trusted when its certificate chains to one of the cluster's own authorities (never the machine's
    /// public roots), is valid now, may be used for its side of the handshake, and, where a silo is expected, names
    /// the silos' DNS name. Host names are not matched: silos are addressed by pod IP, which no certificate names.
    /// </summary>
    /// <param name="certificate">The peer's certificate.</param>
    /// <param name="presented">The chain the platform built, whose intermediates may help; never a trust anchor.</param>
    /// <param name="peerIsServer">True when we connected to the peer (it must be fit for server authentication).</param>
    /// <param name="peerMustBeSilo">True on silo-to-silo connections and when a client connects to a silo.</param>
    public bool Trusts(X509Certificate2 certificate, X509Chain? presented, bool peerIsServer, bool peerMustBeSilo)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(peerIsServer ? ServerAuthentication : ClientAuthentication);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (!chain.Build(certificate))
        {
            return false;
        }

        return !peerMustBeSilo || certificate.MatchesHostname(siloName, allowWildcards: false);
    }
}
