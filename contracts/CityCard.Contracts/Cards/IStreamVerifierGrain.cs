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

/// <summary>
/// One page of a city's streams verified: how many streams the city has in all, how many this page checked (and
/// their events), each stream that failed with its first break, and where the next page starts (null: done).
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.stream-verification-page")]
public sealed record StreamVerificationPage(
    City City,
    long TotalStreams,
    int StreamsChecked,
    long EventsChecked,
    IReadOnlyList<StreamVerification> Failed,
    string? NextAfter);
