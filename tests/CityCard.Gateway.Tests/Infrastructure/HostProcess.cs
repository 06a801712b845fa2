using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CityCard.Contracts;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// A silo or a gateway as its own process (the build's bin/Release), as ./run.sh runs them: a test can kill it outright
/// (SIGKILL) and start it again on the same ports, and its telemetry is its own, as in production (hosts sharing a
/// test process share .NET's meters and listeners).
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string dll;
    private const int OutputLinesKept = 40;

    private readonly Dictionary<string, string> environment;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    private HostProcess(string project, string folder, int httpPort, Dictionary<string, string> environment)
    {
        dll = Path.Combine(PrivatePostgres.RepositoryRoot(), folder, project, "bin", "Release", "net10.0", $"{project}.dll");
        Url = new Uri($"http://127.0.0.1:{httpPort}/");
        environment["Urls"] = Url.ToString().TrimEnd('/');
        environment["Logging__LogLevel__Default"] = "Warning";
        this.environment = environment;
    }

    public Uri Url { get; }

    public static HostProcess Silo(string connectionString, int httpPort, int siloPort, int gatewayPort) =>
        new("CityCard.Silo", "silo", httpPort, new()
        {
            ["ConnectionStrings__CityCard"] = connectionString,
            ["Cluster__SiloPort"] = Port(siloPort),
            ["Cluster__GatewayPort"] = Port(gatewayPort),
        });

    /// <summary>A city's gateway knowing the whole region's keys (those of <see cref="GatewayFixture"/>).</summary>
    public static HostProcess Gateway(City city, int httpPort, int siloGatewayPort)
    {
        var environment = new Dictionary<string, string>
        {
            ["Gateway__City"] = city.ToString(),
            ["Cluster__GatewayPort"] = Port(siloGatewayPort),
        };
        var i = 0;
        foreach (var (keyCity, role) in GatewayFixture.AllKeys)
        {
            var key = GatewayFixture.KeyOf(keyCity, role);
            environment[$"Gateway__Keys__{i}__Id"] = GatewayFixture.KeyIdOf(keyCity, role);
            if (keyCity is { } c)
            {
                environment[$"Gateway__Keys__{i}__City"] = c.ToString();
            }

            environment[$"Gateway__Keys__{i}__Role"] = role.Name();
            environment[$"Gateway__Keys__{i}__Secret"] = key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
            i++;
        }

        return new HostProcess("CityCard.Gateway", "client", httpPort, environment);
    }

    /// <summary>Starts the host and waits until its /health/ready answers 200.</summary>
    public async Task StartAsync(TimeSpan within)
    {
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        output.Clear();
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // WaitForExit() without a timeout also waits for the redirected output to be read to its end.
                process.WaitForExit();
                throw new HostExitedWhileStartingException(Path.GetFileName(dll), process.ExitCode, [.. output]);
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

        throw new TimeoutException($"{Path.GetFileName(dll)} was not ready within {within}.");
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

    /// <summary>The host's last lines, so that a host that dies while starting says why in the test's failure.</summary>
    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > OutputLinesKept && output.TryDequeue(out _))
        {
        }
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
