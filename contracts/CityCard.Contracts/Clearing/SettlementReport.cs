using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// The settlement of one closed window: what each city pays or receives, and why. Every amount is in fen; the JSON
/// form writes them as integers. <see cref="Positions"/> always lists the four cities and sums to zero.
/// </summary>
/// <param name="Window">The business date.</param>
/// <param name="Currency">Always "CNY".</param>
/// <param name="Positions">The multilateral net of each city: positive = the city receives, negative = it pays.</param>
/// <param name="Bilateral">Gross amounts between each ordered pair of cities by flow (a charge category, or TopUp).</param>
/// <param name="Dues">What each city owes each other city for the window: the gross less the clearing fees.</param>
/// <param name="Fees">Clearing fees by issuer, acquirer and category, shown apart from the gross.</param>
/// <param name="FeeTotals">Fee income and expense of each city.</param>
/// <param name="Operators">The payout statement: what each city owes each of its operators and merchants.</param>
/// <param name="LateEntries">Postings in this window whose business time fell in an earlier, closed window.</param>
/// <param name="CarriedWindows">Earlier aborted windows whose obligations are settled with this one.</param>
/// <param name="Chargebacks">Dispute refunds between cities booked in this window, apart from the fares (null in reports made before disputes).</param>
/// <param name="Payees">
/// Per city and operator, where its money goes: paid to its registered settlement account (with what suspense releases
/// to it), or held in suspense because it is not registered or suspended (null in reports made before the registry).
/// </param>
/// <param name="Terminals">
/// The cities' daily terminal reports for the window's day (gaps, reused numbers, silent terminals), added by the
/// gateway that serves the report; never stored with the window.
/// </param>
[GenerateSerializer, Immutable, Alias("citycard.settlement-report")]
public sealed record SettlementReport(
    DateOnly Window,
    string Currency,
    IReadOnlyList<CityPosition> Positions,
    IReadOnlyList<BilateralGross> Bilateral,
    IReadOnlyList<BilateralDue> Dues,
    IReadOnlyList<ClearingFeeLine> Fees,
    IReadOnlyList<CityFees> FeeTotals,
    IReadOnlyList<OperatorPayout> Operators,
    DateTimeOffset CutOffAt,
    DateTimeOffset ClosedAt,
    int LateEntries,
    IReadOnlyList<DateOnly> CarriedWindows,
    IReadOnlyList<ChargebackLine>? Chargebacks = null,
    IReadOnlyList<OperatorSettlement>? Payees = null,
    IReadOnlyList<TerminalDayReport>? Terminals = null)
{
    public const string Renminbi = "CNY";
}

/// <summary>A city's multilateral net position: positive = it receives, negative = it pays.</summary>
[GenerateSerializer, Immutable, Alias("citycard.city-position")]
public sealed record CityPosition(City City, Money Net);

/// <summary>
/// What <paramref name="Payer"/> owes <paramref name="Payee"/> for one flow: for a charge category, the fares its cards
/// paid in the payee's city (and the reversals of them); for TopUp, the money the payer took for the payee's cards.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.bilateral-gross")]
public sealed record BilateralGross(City Payer, City Payee, string Flow, Money Amount, Money Reversed, Money Gross);

/// <summary>
/// What <paramref name="Payer"/> owes <paramref name="Payee"/> in all: the gross (fares and top-ups, less reversals),
/// less the clearing fees the payee bears, less the chargebacks the payee gives back.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.bilateral-due")]
public sealed record BilateralDue(City Payer, City Payee, Money Gross, Money Fees, Money Due, Money Chargebacks = default);

/// <summary>
/// A chargeback: what <paramref name="Acquirer"/> gives back to <paramref name="Issuer"/> because disputes against
/// fares its operators charged the issuer's cards were upheld. It reduces what the issuer owes the acquirer.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.chargeback-line")]
public sealed record ChargebackLine(City Issuer, City Acquirer, Category Category, Money Amount);

/// <summary>The clearing fee the acquiring city pays the issuing city on a category's fares: gross × rate, rounded once.</summary>
[GenerateSerializer, Immutable, Alias("citycard.clearing-fee-line")]
public sealed record ClearingFeeLine(City Issuer, City Acquirer, Category Category, Money Gross, int RateBps, Money Fee);

[GenerateSerializer, Immutable, Alias("citycard.city-fees")]
public sealed record CityFees(City City, Money Income, Money Expense);

/// <summary>
/// One line of the payout statement: what <paramref name="City"/> owes one of its operators or merchants: charges,
/// less reversals, less the refunds of upheld disputes (<paramref name="Chargebacks"/>). <paramref name="Account"/> is
/// the operator's registered settlement account (masked but to the clearing role; null when it is not registered);
/// <paramref name="Held"/> is true when the payout is held in suspense instead (see <see cref="OperatorSettlement"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.operator-payout")]
public sealed record OperatorPayout(
    City City, string Merchant, Category Category, Money Charges, Money Reversals, Money Payout, Money Chargebacks = default,
    SettlementAccount? Account = null, bool Held = false);

/// <summary>
/// Where one operator's money goes at a window's settlement. <paramref name="Owed"/> is the sum of its payout lines;
/// an active registered operator is paid <paramref name="Owed"/> plus <paramref name="Released"/> (its suspense held
/// in earlier windows) into <paramref name="Account"/>; an operator that is not registered, or is suspended, is paid
/// nothing and <paramref name="Owed"/> is held in suspense (account 2120 of the city's ledger), for the reason in
/// <paramref name="HeldBecause"/>. Always Paid + Held = Owed + Released, to the fen.
/// </summary>
[GenerateSerializer, Immutable, Alias("citycard.operator-settlement")]
public sealed record OperatorSettlement(
    City City, string Operator, Money Owed, Money Released, Money Paid, Money Held, SettlementAccount? Account, PayoutHold? HeldBecause);

/// <summary>Why an operator's revenue is held in suspense rather than paid out.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayoutHold>))]
public enum PayoutHold
{
    /// <summary>No operator of that id is registered in the city: there is no account to pay.</summary>
    NotRegistered = 1,

    /// <summary>The operator is registered but suspended.</summary>
    Suspended = 2,
}
