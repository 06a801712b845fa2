using CityCard.Contracts;

namespace CityCard.Domain.Ledger;

/// <summary>
/// One line of a journal entry: an amount on an account, signed the accountant's way round: a debit is positive,
/// a credit negative. An entry balances when its lines sum to zero.
/// </summary>
public readonly record struct Posting(Account Account, Money Amount)
{
    public static Posting Debit(Account account, Money amount) => new(account, amount);

    public static Posting Credit(Account account, Money amount) => new(account, -amount);

    public Money DebitAmount => Amount.IsPositive ? Amount : Money.Zero;

    public Money CreditAmount => Amount.IsNegative ? -Amount : Money.Zero;
}
