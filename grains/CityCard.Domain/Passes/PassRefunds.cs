using CityCard.Contracts;

namespace CityCard.Domain.Passes;

/// <summary>
/// The pro-rata refund of a pass (decision 0060), exact in fen. A pass valid for a time gives back the whole days left
/// after the day of the refund (that day counts as used, since the holder could ride all of it): price × days left /
/// days of the period, rounded down. A pass not yet started (a month bought ahead, a first-use pass never used) gives
/// back all its days. A pass that counts entries gives back the entries left: price × entries left / entries. The
/// policy's refund fee is then kept; the odd fen of the rounding stays with what was used. The refund goes back to
/// the card's balance, as the pass was paid from it.
/// </summary>
public static class PassRefunds
{
    public static PassDecision<PassRefundQuote> Quote(HeldPass pass, DateTimeOffset at)
    {
        if (pass.IsRefunded)
        {
            return Refuse(PassRejection.PassAlreadyRefunded, $"Pass {pass.PassId} was refunded at {pass.RefundedAt!.Value.ToChinaTime():yyyy-MM-dd HH:mm} CST.");
        }

        if (at >= PassPeriods.EndOf(pass))
        {
            return Refuse(PassRejection.PassExpired, $"Pass {pass.PassId} was over at {PassPeriods.EndOf(pass).ToChinaTime():yyyy-MM-dd HH:mm} CST.");
        }

        var (remaining, total, unit) = pass.Terms.Entries is { } entries
            ? (pass.EntriesLeft!.Value, entries, "entries")
            : (DaysLeft(pass, at), PassPeriods.DaysOf(pass), "days");
        var proRata = Money.FromFen((long)((Int128)pass.Price.Fen * remaining / total));
        var amount = Money.Max(Money.Zero, proRata - pass.Terms.RefundFee);
        var quote = new PassRefundQuote(pass.Price, remaining, total, unit, proRata, pass.Terms.RefundFee, amount);
        return amount.IsPositive
            ? new PassDecision<PassRefundQuote>.Accepted(quote)
            : Refuse(PassRejection.NothingToRefund, $"{remaining} of {total} {unit} left: {proRata} pro rata, less the fee of {pass.Terms.RefundFee}, is nothing.");
    }

    /// <summary>Whole CST days of the period after the day of <paramref name="at"/>; all of them before the period starts.</summary>
    private static int DaysLeft(HeldPass pass, DateTimeOffset at)
    {
        var total = PassPeriods.DaysOf(pass);
        if (PassPeriods.Of(pass) is not { } period || ChinaTime.DateOf(at) < ChinaTime.DateOf(period.Start))
        {
            return total;
        }

        var lastDay = ChinaTime.DateOf(period.End).AddDays(-1);
        return Math.Clamp(lastDay.DayNumber - ChinaTime.DateOf(at).DayNumber, 0, total);
    }

    private static PassDecision<PassRefundQuote>.Refused Refuse(PassRejection code, string detail) => new(code, detail);
}
