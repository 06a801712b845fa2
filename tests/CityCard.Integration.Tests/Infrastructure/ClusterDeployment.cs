using Orleans.TestingHost;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// Deploys a test cluster, building it again if its silos do not agree on their membership in time: on a machine
/// busy with other suites, a silo can be declared unavailable before it has finished starting. What a test asserts
/// starts only once the cluster stands; a cluster that fails three times is the failure it reports.
/// </summary>
public static class ClusterDeployment
{
    private const int Attempts = 3;

    public static async Task<InProcessTestCluster> DeployAsync(Func<InProcessTestCluster> build, Action? beforeRetry = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cluster = build();
            try
            {
                await cluster.DeployAsync();
                return cluster;
            }
            catch (Exception) when (attempt < Attempts)
            {
                await StopQuietlyAsync(cluster);
                beforeRetry?.Invoke();
            }
        }
    }

    private static async Task StopQuietlyAsync(InProcessTestCluster cluster)
    {
        try
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
        catch (Exception)
        {
            // A cluster that never stood may not stop cleanly either; the next one is built from nothing.
        }
    }
}
