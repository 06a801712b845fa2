namespace CityCard.Contracts;

/// <summary>
/// Verifies card streams against their hash chains, a page at a time: the streams of one city's cards (the key is
/// the city code), in card number order. A stateless worker: any silo answers, several pages may run at once.
/// </summary>
[Alias("citycard.stream-verifier")]
public interface IStreamVerifierGrain : IGrainWithStringKey
{
    /// <summary>Verifies up to <paramref name="limit"/> streams after card <paramref name="after"/> (from the first when null).</summary>
    [Alias("verify-page")]
    [ResponseTimeout("00:01:00")] // up to 500 whole streams read and hashed: beyond the clients' default timeout
    Task<StreamVerificationPage> VerifyPage(string? after, int limit);
}
