namespace CityCard.Contracts;

/// <summary>
/// The trigger of pass apportionment (decision 0061): asks every card that holds or held a pass to apportion the
/// slices that have ended. Each card decides for itself, purely, which of its pass periods ended; the run only finds
/// the cards. Stateless; keyed <see cref="Key"/>.
/// </summary>
[Alias("citycard.pass-clearing")]
public interface IPassClearingGrain : IGrainWithStringKey
{
    public const string Key = "region";

    /// <summary>
    /// One run, under <paramref name="runId"/> (each card records it as the operation id of its apportionment, so a
    /// repeated run apportions nothing twice).
    /// </summary>
    [Alias("apportion-due")]
    Task<PassApportionmentRun> ApportionDue(string runId);
}
