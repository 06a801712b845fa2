using CityCard.Contracts;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Ledger;

/// <summary>
/// What passes post (decision 0061), as pure functions the clearing house will call from the pass events. A pass's
/// money is held, until earned, in "passes sold, not yet earned" (2040) of its issuer: the city whose policy defines
/// it, or the card's city for a regional pass. The card's issuer holds the float it was paid from, so when the two
/// differ the sale is an inter-city flow, settled in its window like a top-up (no fee). Each apportioned share is then
/// the operator's fare revenue: in the issuer's city, payable to the operator; in another city, owed to that city,
/// which owes its operator, settled in the window where the apportionment is made and bearing the clearing fee as a
/// fare does. Unused value becomes the issuer's "unused pass revenue" (4020).
/// </summary>
public static class PassPostings
{
    /// <summary>The card's float pays for the pass: Dr float, Cr passes unearned (across cities, through due to / due from).</summary>
    public static IReadOnlyList<EntryDraft> Sale(City cardIssuer, City passIssuer, Money price) =>
        Move(cardIssuer, passIssuer, price, EntryKind.PassSale);

    /// <summary>The refund goes back to the card's float: the sale turned round, for the amount refunded.</summary>
    public static IReadOnlyList<EntryDraft> Refund(City cardIssuer, City passIssuer, Money amount) =>
        Move(cardIssuer, passIssuer, -amount, EntryKind.PassRefund);

    /// <summary>A slice's apportionment: one entry (or two, across cities) per operator share, and one for the unused value.</summary>
    public static IReadOnlyList<EntryDraft> Apportionment(SliceApportionment slice) =>
        Revenue(slice.Issuer, slice.Shares.Select(s => (s.Operator, s.Share)), slice.Unused);

    /// <summary>
    /// A slice apportioned again (a covered ride uploaded after it was apportioned): only the differences are posted,
    /// in the window where the correction is made. A share that shrinks is taken back from that operator's payout.
    /// </summary>
    public static IReadOnlyList<EntryDraft> Correction(SliceApportionment before, SliceApportionment after)
    {
        var (shares, unused) = after.Since(before);
        return Revenue(after.Issuer, shares, unused);
    }

    private static EntryDraft[] Move(City cardIssuer, City passIssuer, Money amount, EntryKind kind)
    {
        if (cardIssuer == passIssuer)
        {
            return Some(EntryDraft.Of(cardIssuer, kind, null, Posting.Debit(Account.CardFloat, amount), Posting.Credit(Account.PassesUnearned, amount)));
        }

        return Some(
            EntryDraft.Of(cardIssuer, kind, null, Posting.Debit(Account.CardFloat, amount), Posting.Credit(Account.DueTo(passIssuer), amount)),
            EntryDraft.Of(passIssuer, kind, null, Posting.Debit(Account.DueFrom(cardIssuer), amount), Posting.Credit(Account.PassesUnearned, amount)));
    }

    private static EntryDraft[] Revenue(City issuer, IEnumerable<(OperatorKey Operator, Money Amount)> shares, Money unused)
    {
        var drafts = new List<EntryDraft?>();
        foreach (var (op, amount) in shares)
        {
            if (op.City == issuer)
            {
                drafts.Add(EntryDraft.Of(issuer, EntryKind.PassRevenue, op.Category, Posting.Debit(Account.PassesUnearned, amount), Posting.Credit(Account.PayableTo(op.OperatorId), amount)));
            }
            else
            {
                drafts.Add(EntryDraft.Of(issuer, EntryKind.PassRevenue, op.Category, Posting.Debit(Account.PassesUnearned, amount), Posting.Credit(Account.DueTo(op.City), amount)));
                drafts.Add(EntryDraft.Of(op.City, EntryKind.PassRevenue, op.Category, Posting.Debit(Account.DueFrom(issuer), amount), Posting.Credit(Account.PayableTo(op.OperatorId), amount)));
            }
        }

        drafts.Add(EntryDraft.Of(issuer, EntryKind.PassUnused, null, Posting.Debit(Account.PassesUnearned, unused), Posting.Credit(Account.UnusedPassRevenue, unused)));
        return Some([.. drafts]);
    }

    private static EntryDraft[] Some(params EntryDraft?[] drafts) => drafts.OfType<EntryDraft>().ToArray();
}
