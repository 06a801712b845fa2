using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>What one event does to a card's balance and deposit, in one place.</summary>
public readonly record struct MoneyChange(Money Balance, Money Deposit);

/// <summary>
/// The money effect of each card event: what <see cref="CardEvolver"/> applies, and what reconciliation adds up to
/// check the float accounts without folding whole card states. Pure and total over every event type.
/// </summary>
public static class CardMoney
{
    public static MoneyChange Of(CardEvent e) => e switch
    {
        CardIssued x => new(Money.Zero, x.Deposit),
        CardToppedUp x => new(x.Amount, Money.Zero),
        CardCharged x => new(-x.Amount, Money.Zero),
        FareAdjusted x => new(x.BalanceChange, Money.Zero),
        ChargeReversed x => new(x.Amount, Money.Zero),
        ChargeRefunded x => new(x.Amount, Money.Zero),
        CardReplaced x => new(-x.BalanceMoved, -x.DepositMoved),
        ReplacementFundsReceived x => new(x.Balance, x.Deposit),

        // A card closed in debt keeps that much of its deposit to clear the negative balance: both end at zero.
        CardClosed x => new(-x.BalanceRefunded + (x.DebtSettledFromDeposit ?? Money.Zero), -x.DepositRefunded - (x.DebtSettledFromDeposit ?? Money.Zero)),
        PassSold x => new(-x.Pass.Price, Money.Zero),
        PassRefunded x => new(x.Amount, Money.Zero),
        PassesApportioned => default,
        IMovesNoMoney => default,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Unknown card event."),
    };
}
