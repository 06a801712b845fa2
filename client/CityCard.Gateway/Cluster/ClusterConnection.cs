namespace CityCard.Gateway.Cluster;

/// <summary>
/// Whether this gateway's cluster client holds a connection to at least one silo: what /health/ready reports, so that
/// Kubernetes sends a city's traffic only to gateways that can pass it on.
/// </summary>
/// <remarks>
/// Orleans reports every change in the number of connected silo gateways; it is registered as a hosted service after
/// the cluster client, whose start is the connect, so reaching <see cref="StartAsync"/> means a silo answered even if
/// no count has been reported yet. A reported count always wins after that, a reported zero included.
/// </remarks>
public sealed class ClusterConnection : IClusterConnectionStatusObserver, IHostedService
{
    private const int NotReported = -1;
    private int gateways = NotReported;
    private bool started;

    /// <summary>Silo gateways connected now (1 when the client has started and Orleans has not reported a count yet).</summary>
    public int ConnectedGateways
    {
        get
        {
            var reported = Volatile.Read(ref gateways);
            return reported != NotReported ? reported : Volatile.Read(ref started) ? 1 : 0;
        }
    }

    public bool IsConnected => ConnectedGateways > 0;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref started, true);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref started, false);
        Volatile.Write(ref gateways, 0);
        return Task.CompletedTask;
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        Volatile.Write(ref gateways, currentNumberOfGateways);

    public void NotifyClusterConnectionLost() => Volatile.Write(ref gateways, 0);
}
