using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace CityCard.Cluster.Telemetry;

/// <summary>
/// One line per log entry, naming the trace it belongs to, so that a gateway's line and the silo's lines of the same
/// request are found with one grep of the trace id (the one a problem+json answer carries):
/// <code>2026-12-03T08:12:00.123Z warn CityCard.Gateway.Errors trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7 POST /v1/…</code>
/// Outside any trace, <c>trace=-</c>. An exception follows on the next lines.
/// </summary>
public sealed class TraceLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "citycard";

    public static void Use(ILoggingBuilder logging)
    {
        logging.AddConsole(o => o.FormatterName = Name);
        logging.AddConsoleFormatter<TraceLogFormatter, ConsoleFormatterOptions>();
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var activity = Activity.Current;
        textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(" trace=");
        textWriter.Write(activity is null ? "-" : activity.TraceId.ToHexString());
        if (activity is not null)
        {
            textWriter.Write(" span=");
            textWriter.Write(activity.SpanId.ToHexString());
        }

        textWriter.Write(' ');
        textWriter.Write(message?.ReplaceLineEndings(" "));
        textWriter.Write(Environment.NewLine);
        if (logEntry.Exception is not null)
        {
            textWriter.Write(logEntry.Exception.ToString());
            textWriter.Write(Environment.NewLine);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
