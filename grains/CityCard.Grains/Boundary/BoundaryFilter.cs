using CityCard.Contracts;
using Microsoft.Extensions.Logging;

namespace CityCard.Grains.Boundary;

/// <summary>
/// Every grain call's way out of the silo: an exception a client could not decode is logged here, with the grain and
/// method, and replaced by the project's own (<see cref="BoundaryFaults"/>). One filter for every grain, so no grain
/// translates its store's exceptions itself.
/// </summary>
public sealed partial class BoundaryFilter(ILogger<BoundaryFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception error) when (BoundaryFaults.Translate(error) is { } replacement)
        {
            if (replacement is StoreUnavailableException)
            {
                LogStoreUnavailable(logger, context.InterfaceName, context.MethodName, context.TargetId.ToString(), error.GetType().Name, error.Message);
            }
            else
            {
                LogFault(logger, error, context.InterfaceName, context.MethodName, context.TargetId.ToString());
            }

            throw replacement;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} on {Grain}: the store is unavailable ({Error}: {Detail}); answered StoreUnavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, string @interface, string method, string grain, string error, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Interface}.{Method} on {Grain} failed; answered as a silo fault")]
    private static partial void LogFault(ILogger logger, Exception error, string @interface, string method, string grain);
}
