using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>One operator's part of a slice: what its covered services would have cost (the weight) and its share of the price.</summary>
public sealed record OperatorShare(OperatorKey Operator, int Uses, Money Weight, Money Share);
