using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace CityCard.Grains.Cards;

/// <summary>
/// One batch of a city's cards (key <c>{city}:{batch id}</c>). Thin: <see cref="BulkIssuer"/> decides and writes; the
/// grain makes sure one run of the batch at a time is under way (in the background, off the grain's turn, so that
/// status calls are answered while it writes) and that starting it again after a crash resumes it.
/// </summary>
public sealed partial class IssueBatchGrain(BulkIssuer issuer, BulkIssueWriter writer, ILogger<IssueBatchGrain> logger) : Grain, IIssueBatchGrain
{
    /// <summary>Long enough for the largest batch; the activation must not be collected while its run writes.</summary>
    private static readonly TimeSpan KeepAliveWhileRunning = TimeSpan.FromMinutes(30);

    private Task<IssueBatchStatus>? running;

    public async Task<IssueBatchStatus> Start(IssueBatchRequest request)
    {
        if (IssueBatchGrains.Key(request.Issuer, request.BatchId) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Batch {request.Issuer}:{request.BatchId} was sent to the grain of {this.GetPrimaryKeyString()}.");
        }

        var status = await issuer.BeginAsync(request);
        if (status.State == IssueBatchState.Completed)
        {
            return status with { IsReplay = true };
        }

        if (status.State != IssueBatchState.Running || running is { IsCompleted: false })
        {
            return status;
        }

        DelayDeactivation(KeepAliveWhileRunning);
        var key = this.GetPrimaryKeyString();
        running = Task.Run(async () =>
        {
            try
            {
                return await issuer.RunAsync(request);
            }
            catch (Exception ex)
            {
                LogRunFailed(logger, ex, key);
                throw;
            }
        });
        return status;
    }

    public async Task<IssueBatchStatus> GetStatus()
    {
        var key = this.GetPrimaryKeyString();
        var stored = await writer.FindAsync(key);
        var batchId = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
        return stored is null
            ? IssueBatchStatus.Unknown(batchId)
            : await issuer.StatusAsync(batchId, stored, running: running is { IsCompleted: false });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {Batch} stopped part-way; starting it again resumes it")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string batch);
}
