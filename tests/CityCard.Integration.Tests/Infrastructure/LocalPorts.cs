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

    private const int FirstPortBelowEphemeral = 20_000;

    /// <summary>
    /// A free port below the kernel's ephemeral range, for a host that a test kills and starts again on the same port.
    /// While nothing listens on a port inside that range, a client reconnecting to it over loopback can be given that
    /// very port as its own local port (a TCP self-connect), and the host's restart then fails to bind: seen with the
    /// gateway's cluster client redialling a killed silo.
    /// </summary>
    public static int FreeOutsideEphemeralRange()
    {
        var firstEphemeral = FirstEphemeralPort();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(FirstPortBelowEphemeral, firstEphemeral);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"No free port between {FirstPortBelowEphemeral} and {firstEphemeral}.");
    }

    private static int FirstEphemeralPort()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(range) && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], out var low) ? low : 32_768;
        return Math.Max(first, FirstPortBelowEphemeral + 1_000);
    }

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
