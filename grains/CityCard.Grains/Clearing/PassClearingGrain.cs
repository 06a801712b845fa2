using CityCard.Contracts;
using CityCard.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace CityCard.Grains.Clearing;

/// <summary>
/// Finds the cards that bought or took over a pass within the time a pass can still earn, and asks each to apportion
/// what has ended. Which slices ended is each card's pure decision (<c>PassDecider.Apportion</c>); this grain holds no
/// state and decides nothing, so a run can be repeated, or cut short and run again, with no harm.
/// </summary>
public sealed partial class PassClearingGrain(PassHolderQuery passHolders, TimeProvider clock, ILogger<PassClearingGrain> logger)
    : Grain, IPassClearingGrain
{
    /// <summary>A pass sold longer ago than this is over and apportioned: a year's pass, its last month, the memory.</summary>
    private static readonly TimeSpan Reach = TimeSpan.FromDays(366 + 31 + 62);

    /// <summary>Cards asked at once: enough to overlap their appends, few enough to leave the silo to the taps.</summary>
    private const int Parallelism = 8;

    public async Task<PassApportionmentRun> ApportionDue(string runId)
    {
        var cards = await passHolders.CardsWithPassesSinceAsync(clock.GetUtcNow() - Reach);
        var results = new List<CardOperationResult>(cards.Count);
        foreach (var chunk in cards.Chunk(Parallelism))
        {
            results.AddRange(await Task.WhenAll(chunk.Select(c => GrainFactory.Card(c).ApportionPasses(new ApportionPassesRequest(runId)))));
        }

        var run = new PassApportionmentRun(
            runId,
            cards.Count,
            results.Count(r => r.IsAccepted),
            results.Count(r => r.Rejection == RejectionCode.NothingToApportion),
            results.Count(r => !r.IsAccepted && r.Rejection != RejectionCode.NothingToApportion));
        LogRun(logger, runId, run.Cards, run.Apportioned, run.Refused);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pass apportionment {RunId}: {Cards} cards asked, {Apportioned} apportioned, {Refused} refused")]
    private static partial void LogRun(ILogger logger, string runId, int cards, int apportioned, int refused);
}
