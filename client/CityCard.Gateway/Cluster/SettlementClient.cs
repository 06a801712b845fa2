using CityCard.Contracts;

namespace CityCard.Gateway.Cluster;

/// <summary>
/// Typed access to the region's clearing house and the city ledgers over an Orleans cluster client: projection status,
/// window commands (each with the caller's operation id), settlements and trial balances.
/// </summary>
public sealed class SettlementClient(IClusterClient cluster)
{
    private IRegionClearingGrain Clearing => cluster.GetGrain<IRegionClearingGrain>(IRegionClearingGrain.Key);

    public Task<ProjectionStatus> GetProjectionStatusAsync() => Clearing.GetProjectionStatus();

    /// <summary>Projects everything committed so far (and closes what can close); returns how far it got.</summary>
    public Task<ProjectionStatus> CatchUpAsync() => Clearing.CatchUp();

    public Task<ClearingOperationResult> CloseWindowAsync(CloseWindowRequest request) => Clearing.CloseWindow(request);

    public Task<ClearingOperationResult> ConfirmSettlementAsync(ConfirmSettlementRequest request) => Clearing.ConfirmSettlement(request);

    public Task<ClearingOperationResult> AbortWindowAsync(AbortWindowRequest request) => Clearing.AbortWindow(request);

    /// <summary>Releases a card held because its hash chain broke, once its stream verifies again.</summary>
    public Task<ClearingOperationResult> ReleaseHeldCardAsync(ReleaseHeldCardRequest request) => Clearing.ReleaseHeldCard(request);

    public Task<WindowView?> GetWindowAsync(DateOnly window) => Clearing.GetWindow(window);

    public Task<SettlementReport?> GetSettlementAsync(DateOnly window) => Clearing.GetSettlement(window);

    /// <summary>A city's daily terminal report (gaps, reused numbers, silent terminals), shown with its settlement.</summary>
    public Task<TerminalDayReport> GetTerminalReportAsync(City city, DateOnly day) =>
        cluster.GetGrain<ITerminalSequenceGrain>(city.ToString()).Report(day);

    public Task<TrialBalance> GetTrialBalanceAsync(City city, DateTimeOffset? asOf = null) =>
        cluster.GetGrain<ICityLedgerGrain>(city.ToString()).GetTrialBalance(asOf);

    /// <summary>
    /// Drives the clearing house until the window has closed and returns its settlement, or null if it has not closed
    /// within <paramref name="timeout"/> (a closing window waits for every event committed before its cut-off).
    /// </summary>
    public async Task<SettlementReport?> WaitForSettlementAsync(DateOnly window, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            await Clearing.CatchUp();
            if (await Clearing.GetSettlement(window) is { } report)
            {
                return report;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
