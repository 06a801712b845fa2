namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// A host process that exited before it was ready, with its last lines of output. Its message carries them, so a port
/// taken by another process between choosing it and binding it ("address already in use") is recognised by
/// <see cref="CityCard.Integration.Tests.Infrastructure.LocalPorts.StartWithRetryAsync{T}"/> and the host started
/// again on fresh ports; any other cause fails the test with the host's own words.
/// </summary>
public sealed class HostExitedWhileStartingException(string host, int exitCode, IReadOnlyList<string> lastLines)
    : InvalidOperationException($"{host} exited with code {exitCode} while starting. Its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}");
