namespace CityCard.Contracts;

/// <summary>
/// The region's clearing house: the one writer of the city ledgers. It projects every card event into postings,
/// runs the daily clearing windows and computes their settlements. One activation for the region, keyed
/// <see cref="Key"/>; it keeps itself running with a timer and a reminder.
/// </summary>
[Alias("citycard.region-clearing")]
public interface IRegionClearingGrain : IGrainWithStringKey
{
    public const string Key = "region";

    [Alias("get-projection-status")]
    Task<ProjectionStatus> GetProjectionStatus();

    /// <summary>
    /// Projects until every event committed before the call is posted and every closing window that can close has
    /// closed, or until a time budget is spent; answers with the status either way.
    /// </summary>
    [Alias("catch-up")]
    [ResponseTimeout("00:01:00")] // its budget is Clearing:CatchUpBudget (20 s by default), beyond the clients' default timeout
    Task<ProjectionStatus> CatchUp();

    [Alias("close-window")]
    Task<ClearingOperationResult> CloseWindow(CloseWindowRequest request);

    [Alias("confirm-settlement")]
    Task<ClearingOperationResult> ConfirmSettlement(ConfirmSettlementRequest request);

    [Alias("abort-window")]
    Task<ClearingOperationResult> AbortWindow(AbortWindowRequest request);

    /// <summary>
    /// Releases a held card once its stream verifies again: its held events are posted. The answer's window is where
    /// new business goes (a released event whose own window has closed is posted there, late).
    /// </summary>
    [Alias("release-held-card")]
    Task<ClearingOperationResult> ReleaseHeldCard(ReleaseHeldCardRequest request);

    /// <summary>The window of a business date, or null if nothing was ever posted to it and it was never closed.</summary>
    [Alias("get-window")]
    Task<WindowView?> GetWindow(DateOnly window);

    /// <summary>The settlement of a closed (or settled, or aborted) window; null while it is open or closing.</summary>
    [Alias("get-settlement")]
    Task<SettlementReport?> GetSettlement(DateOnly window);
}
