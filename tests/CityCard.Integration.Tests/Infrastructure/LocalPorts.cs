using System.Net;
using System.Net.Sockets;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// Free loopback ports for hosts started by tests. A port found free can be taken by a test in another process before
/// our host binds it, so starting a host is retried, with fresh ports, when the bind fails for that reason alone.
/// </summary>
public static class LocalPorts
{
    private const int Attempts = 5;

    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="start"/> (which must pick its ports afresh each time) until it binds.</summary>
    public static async Task<T> StartWithRetryAsync<T>(Func<Task<T>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (Exception ex) when (attempt < Attempts && IsAddressInUse(ex))
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private static bool IsAddressInUse(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return ex is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse);
    }
}
