namespace CityCard.Contracts;

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
