using System.Text.Json.Nodes;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>
/// The ingress rules of the rendered NetworkPolicies, evaluated the way Kubernetes does: a pod selected by any policy
/// accepts a connection only if some rule of some policy selecting it admits both the port and the peer.
/// </summary>
public sealed class NetworkPolicies(IEnumerable<JsonObject> policies, string ownNamespace)
{
    private readonly List<JsonObject> policies = [.. policies];

    /// <summary>A pod: its namespace and labels.</summary>
    public sealed record Pod(string Namespace, IReadOnlyDictionary<string, string> Labels)
    {
        public static Pod In(string ns, params (string Key, string Value)[] labels) => new(ns, labels.ToDictionary(l => l.Key, l => l.Value));
    }

    public bool Allows(Pod from, Pod to, int port)
    {
        var selecting = policies.Where(p => to.Namespace == ownNamespace && Matches(p["spec"]!["podSelector"], to.Labels)
            && (p["spec"]!["policyTypes"]?.AsArray().Any(t => (string?)t == "Ingress") ?? true)).ToList();
        if (selecting.Count == 0)
        {
            return true;
        }

        return selecting.SelectMany(p => p["spec"]!["ingress"]?.AsArray() ?? []).Any(rule => AdmitsPort(rule!, port) && AdmitsPeer(rule!, from));
    }

    private static bool AdmitsPort(JsonNode rule, int port) =>
        rule["ports"] is not JsonArray ports || ports.Any(p => int.Parse((string)p!["port"]!, System.Globalization.CultureInfo.InvariantCulture) == port);

    private bool AdmitsPeer(JsonNode rule, Pod from)
    {
        if (rule["from"] is not JsonArray peers)
        {
            return true;
        }

        return peers.Any(peer =>
        {
            var namespaces = peer!["namespaceSelector"];
            var pods = peer["podSelector"];
            var namespaceOk = namespaces is null
                ? from.Namespace == ownNamespace
                : Matches(namespaces, new Dictionary<string, string> { ["kubernetes.io/metadata.name"] = from.Namespace });
            return namespaceOk && (pods is null || Matches(pods, from.Labels));
        });
    }

    /// <summary>matchLabels only (all our policies use); an empty selector matches everything.</summary>
    private static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        Assert.True(selector?["matchExpressions"] is null, "The evaluator reads matchLabels only.");
        return selector?["matchLabels"] is not JsonObject match
            || match.All(kv => labels.TryGetValue(kv.Key, out var value) && value == (string?)kv.Value);
    }
}
