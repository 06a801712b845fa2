using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// What refunding a pass gives back, and why: <see cref="ProRata"/> is the price × <see cref="Remaining"/> /
/// <see cref="Total"/> rounded down to the fen, less the policy's refund fee, never below zero.
/// </summary>
/// <param name="Unit"><c>days</c> for a pass valid for a time, <c>entries</c> for one that counts entries.</param>
public sealed record PassRefundQuote(Money Price, int Remaining, int Total, string Unit, Money ProRata, Money Fee, Money Amount);
