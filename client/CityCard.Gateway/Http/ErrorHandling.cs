using System.Net.Sockets;
using CityCard.Contracts;
using CityCard.Gateway.Operations;
using Microsoft.AspNetCore.Diagnostics;

namespace CityCard.Gateway.Http;

/// <summary>
/// The last line of defence: whatever escapes a handler becomes a problem without internals (no exception message,
/// no stack), logged here with its trace id. A client's mistake never gets this far; reaching it is our fault (500),
/// the store's absence (503 StoreUnavailable: the silo's boundary says so, docs/decisions/0072) or the cluster's (503
/// ClusterUnavailable: no silo answered within Cluster:ResponseTimeout), and a retry with the same Idempotency-Key is
/// always safe.
/// </summary>
public static partial class ErrorHandling
{
    /// <summary>Logs once, here, what it answers (ASP.NET Core's own line with the stack is suppressed in GatewayApp).</summary>
    public static async Task HandleExceptionAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CityCard.Gateway.Errors");
        var traceId = GatewayTelemetry.TraceId(http);
        var extensions = new Dictionary<string, object?> { ["traceId"] = traceId };

        IResult problem;
        if (error is BadHttpRequestException bad)
        {
            // Kestrel's limits and malformed HTTP met while the app reads the body (too large, a broken chunk, too
            // slow): the client's doing, answered by status like the ones Kestrel answers itself (ServerAnswer).
            var (status, code, detail) = StatusProblems.For(bad.StatusCode);
            problem = Problems.Of(status, code, detail, extensions);
        }
        else if (error is StoreUnavailableException)
        {
            LogStoreUnavailable(logger, http.Request.Method, http.Request.Path, traceId);
            http.Response.Headers.RetryAfter = StoreRetryAfterSeconds;
            problem = Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.StoreUnavailable, "The store is unavailable; nothing is known to have changed. Retry with the same Idempotency-Key.", extensions);
        }
        else if (error is not null && IsUnavailable(error))
        {
            LogUnavailable(logger, http.Request.Method, http.Request.Path, error.GetType().Name, error.Message, traceId);
            http.Response.Headers.RetryAfter = "5";
            problem = Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ClusterUnavailable, "The cluster could not be reached; retry with the same Idempotency-Key.", extensions);
        }
        else
        {
            LogFault(logger, error, http.Request.Method, http.Request.Path, traceId);
            problem = Problems.Of(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "Something failed on our side; retry with the same Idempotency-Key.", extensions);
        }

        await problem.ExecuteAsync(http);
    }

    /// <summary>Turns bodiless error statuses (no such route, wrong method) into problems too.</summary>
    public static async Task HandleStatusCodeAsync(StatusCodeContext context)
    {
        var (status, code, detail) = StatusProblems.For(context.HttpContext.Response.StatusCode);
        await Problems.Of(status, code, detail).ExecuteAsync(context.HttpContext);
    }

    /// <summary>A restarting PostgreSQL is usually back within seconds; a client that waits this long and retries is answered from it.</summary>
    private const string StoreRetryAfterSeconds = "5";

    private static bool IsUnavailable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is TimeoutException or SocketException or Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.GatewayTooBusyException
                or Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
                or Npgsql.NpgsqlException)
            {
                return true;
            }
        }

        return false;
    }

    // One line, no stack: during an outage every request comes here, and the cause is no mystery.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the cluster is unavailable ({Error}: {Detail}) (trace {TraceId})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string error, string detail, string traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the store is unavailable (trace {TraceId})")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string path, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed (trace {TraceId})")]
    private static partial void LogFault(ILogger logger, Exception? error, string method, string path, string traceId);
}
