namespace CityCard.Contracts;

/// <summary>
/// One card, keyed by its card number (<see cref="CardNumber.Value"/>). Its state is derived from its own event
/// stream; every change is appended with the stream's expected version.
/// </summary>
[Alias("citycard.card")]
public interface ICardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Every command a card accepts, one entry: the request's type says what it asks (its own <c>[Alias]</c> names it
    /// on the wire) and the card's pure decider dispatches on it. A new card operation adds a request type, not a
    /// method here; <see cref="CardGrainCommands"/> gives the existing ones their names at the call site.
    /// </summary>
    [Alias("execute")]
    Task<CardOperationResult> Execute(CardRequest request);

    [Alias("get-view")]
    Task<CardView> GetView();

    /// <summary>Every event up to <paramref name="asOf"/> (recording time; all when null), with the balance after each.</summary>
    [Alias("get-history")]
    Task<CardHistory> GetHistory(DateTimeOffset? asOf);

    /// <summary>The card replayed from its stored events as of a moment and/or a version, with its chain verified.</summary>
    [Alias("replay")]
    Task<CardHistory> Replay(ReplayPoint point);

    /// <summary>Walks the card's stream as stored and checks every event against its hash.</summary>
    [Alias("verify-stream")]
    Task<StreamVerification> VerifyStream();

    /// <summary>One charge the card still remembers (400 days), with what was reversed and refunded of it; null if none.</summary>
    [Alias("get-charge")]
    Task<ChargeView?> GetCharge(string chargeOperationId);
}
