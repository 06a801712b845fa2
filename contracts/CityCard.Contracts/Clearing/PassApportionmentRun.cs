namespace CityCard.Contracts;

/// <summary>
/// What one apportionment run did: how many cards holding passes it asked, how many recorded an apportionment (or
/// had already recorded this run's), how many had nothing due, and how many refused for another reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.pass-apportionment-run")]
public sealed record PassApportionmentRun(string RunId, int Cards, int Apportioned, int NothingDue, int Refused);
