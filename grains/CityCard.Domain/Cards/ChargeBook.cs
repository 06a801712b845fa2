using System.Collections.Immutable;
using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>
/// A charge that can still be reversed or refunded, and how much of it already was. <see cref="Adjustment"/> is the sum
/// of later fare adjustments to it (negative when the card got money back), <see cref="Refunded"/> what upheld
/// disputes gave back, so reversals and refunds together never return more than was paid.
/// </summary>
public sealed record ChargeRecord(Money Amount, Money Reversed, TapDetails Tap, DateTimeOffset RecordedAt, Money Adjustment = default, Money Refunded = default)
{
    /// <summary>What the card paid for it in the end: the charge and its adjustments.</summary>
    public Money Paid => Amount + Adjustment;

    /// <summary>What can still be given back, by a reversal or a dispute's refund.</summary>
    public Money Reversible => Paid - Reversed - Refunded;
}

/// <summary>
/// The card's charges of the last <see cref="CardLimits.ChargeMemory"/>, by operation id: what a reversal (or,
/// a dispute's refund) needs to check "at most once, at most the charged amount". Older charges fall out, which keeps
/// the state bounded by time rather than by the card's whole history.
/// </summary>
public sealed record ChargeBook
{
    public static ChargeBook Empty { get; } = new();

    public ImmutableDictionary<string, ChargeRecord> Charges { get; init; } =
        ImmutableDictionary<string, ChargeRecord>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableQueue<string> Order { get; init; } = [];

    public bool TryGet(string chargeOperationId, out ChargeRecord charge) =>
        Charges.TryGetValue(chargeOperationId, out charge!);

    /// <summary>Adds a charge and forgets those recorded more than the memory span before it.</summary>
    public ChargeBook Add(string operationId, ChargeRecord charge, TimeSpan memory)
    {
        var charges = Charges.SetItem(operationId, charge);
        var order = Order.Enqueue(operationId);
        var cutoff = charge.RecordedAt - memory;
        while (!order.IsEmpty && charges.TryGetValue(order.Peek(), out var oldest) && oldest.RecordedAt < cutoff)
        {
            order = order.Dequeue(out var id);
            charges = charges.Remove(id);
        }

        return new ChargeBook { Charges = charges, Order = order };
    }

    public ChargeBook RecordAdjustment(string chargeOperationId, Money fareChange) =>
        TryGet(chargeOperationId, out var charge)
            ? this with { Charges = Charges.SetItem(chargeOperationId, charge with { Adjustment = charge.Adjustment + fareChange }) }
            : this;

    public ChargeBook RecordRefund(string chargeOperationId, Money amount) =>
        TryGet(chargeOperationId, out var charge)
            ? this with { Charges = Charges.SetItem(chargeOperationId, charge with { Refunded = charge.Refunded + amount }) }
            : this;

    public ChargeBook RecordReversal(string chargeOperationId, Money amount) =>
        TryGet(chargeOperationId, out var charge)
            ? this with { Charges = Charges.SetItem(chargeOperationId, charge with { Reversed = charge.Reversed + amount }) }
            : this;
}
