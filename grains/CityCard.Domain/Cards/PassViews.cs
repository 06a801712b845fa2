using CityCard.Contracts;
using CityCard.Domain.Passes;

namespace CityCard.Domain.Cards;

/// <summary>A held pass as the card's view shows it to its holder and the desk.</summary>
public static class PassViews
{
    public static PassView Of(HeldPass pass)
    {
        var period = PassPeriods.Of(pass);
        return new PassView(
            pass.PassId,
            pass.Terms.Product,
            pass.Terms.Name,
            pass.Terms.Policy,
            pass.Issuer,
            pass.Price,
            pass.SoldAt,
            period?.Start,
            period is null ? PassPeriods.ActivationDeadline(pass) : PassPeriods.EndOf(pass),
            pass.FirstUsedAt,
            pass.EntriesLeft,
            pass.RefundedAt,
            pass.Refunded);
    }
}
