namespace CityCard.Contracts;

/// <summary>
/// Rebuilds every city's ledger and reconciles it with the live one. One per region (key <see cref="Key"/>), one run
/// at a time; a run advances on the grain's timer and on <see cref="Advance"/>, a slice at a time.
/// </summary>
[Alias("citycard.reconciliation")]
public interface IReconciliationGrain : IGrainWithStringKey
{
    public const string Key = "region";

    /// <summary>Starts a run named <paramref name="runId"/>; if a run is already going, answers with that one.</summary>
    [Alias("start")]
    [ResponseTimeout("00:01:00")] // empties the rebuild schema before answering: beyond the clients' default timeout
    Task<ReconciliationProgress> Start(string runId);

    /// <summary>Does one slice of the current run's work (bounded in time) and answers where it stands.</summary>
    [Alias("advance")]
    Task<ReconciliationProgress> Advance();

    /// <summary>The run as it stands (the current one, or a finished one's report); null when there is no such run.</summary>
    [Alias("get")]
    Task<ReconciliationProgress?> Get(string runId);
}
