using System.Diagnostics;
using System.Globalization;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// The silo as its own process (the build's silo/CityCard.Silo/bin/Release), as ./run.sh runs it: a test can kill it
/// outright (SIGKILL) and start it again on the same ports, which an in-process silo cannot show.
/// </summary>
public sealed class SiloProcess(string connectionString, int httpPort, int siloPort, int gatewayPort) : IAsyncDisposable
{
    private Process? process;

    public Uri Url { get; } = new($"http://127.0.0.1:{httpPort}/");

    public int GatewayPort => gatewayPort;

    /// <summary>Starts the silo and waits until it is an active member of its cluster.</summary>
    public async Task StartAsync(TimeSpan within)
    {
        var dll = Path.Combine(PrivatePostgres.RepositoryRoot(), "silo", "CityCard.Silo", "bin", "Release", "net10.0", "CityCard.Silo.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__CityCard"] = connectionString,
                ["Urls"] = Url.ToString().TrimEnd('/'),
                ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
                ["Cluster__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {process.ExitCode} while starting.");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The silo was not ready within {within}.");
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to its clients; its sockets simply close.</summary>
    public void Kill()
    {
        process?.Kill();
        process?.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            Kill();
        }

        process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
