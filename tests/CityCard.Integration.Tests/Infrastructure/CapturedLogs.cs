using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>Every warning and error the silos log, kept for tests that assert an alert was raised: level, category, text (and the exception's).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Lines => [.. lines];

    /// <summary>Forgets what was logged: a cluster built again after a failed start begins with nothing.</summary>
    public void Clear() => lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue((logLevel, category, exception is null ? formatter(state, exception) : $"{formatter(state, exception)} {exception.GetType().Name}: {exception.Message}"));
            }
        }
    }
}
