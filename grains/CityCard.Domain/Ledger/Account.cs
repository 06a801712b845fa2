using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Domain.Ledger;

/// <summary>
/// An account in one city's ledger: a kind from the chart and, for per-party accounts, the party (a city code or a
/// merchant id). Its code reads as the chart number and the party: <c>2210.LZ</c> is "due to Luzhou".
/// </summary>
public readonly record struct Account(AccountKind Kind, string Party)
{
    public const int MaxCodeLength = 48;

    public static Account Cash { get; } = new(AccountKind.Cash, string.Empty);

    public static Account CardFloat { get; } = new(AccountKind.CardFloat, string.Empty);

    public static Account DepositsHeld { get; } = new(AccountKind.DepositsHeld, string.Empty);

    public static Account ReplacementsInTransit { get; } = new(AccountKind.ReplacementsInTransit, string.Empty);

    public static Account FeeIncome { get; } = new(AccountKind.ClearingFeeIncome, string.Empty);

    public static Account FeeExpense { get; } = new(AccountKind.ClearingFeeExpense, string.Empty);

    public static Account PassesUnearned { get; } = new(AccountKind.PassesUnearned, string.Empty);

    public static Account UnusedPassRevenue { get; } = new(AccountKind.UnusedPassRevenue, string.Empty);

    public static Account DueTo(City city) => new(AccountKind.DueToCity, city.ToString());

    public static Account DueFrom(City city) => new(AccountKind.DueFromCity, city.ToString());

    public static Account PayableTo(string merchant) => new(AccountKind.MerchantPayable, merchant);

    public static Account SuspenseFor(string merchant) => new(AccountKind.OperatorSuspense, merchant);

    /// <summary>An inter-city account: what a city's net position is made of.</summary>
    public bool IsInterCity => Kind is AccountKind.DueToCity or AccountKind.DueFromCity;

    public string Code => Party.Length == 0
        ? ((int)Kind).ToString(CultureInfo.InvariantCulture)
        : $"{(int)Kind}.{Party}";

    public string Name => Kind switch
    {
        AccountKind.Cash => "Cash held (collections less refunds and settlements)",
        AccountKind.DueFromCity => $"Due from {Party}",
        AccountKind.CardFloat => "Card float (owed to cardholders)",
        AccountKind.DepositsHeld => "Card deposits held",
        AccountKind.ReplacementsInTransit => "Replacements in transit",
        AccountKind.PassesUnearned => "Passes sold, not yet earned",
        AccountKind.MerchantPayable => $"Payable to operator {Party}",
        AccountKind.OperatorSuspense => $"Held in suspense for operator {Party}",
        AccountKind.DueToCity => $"Due to {Party}",
        AccountKind.ClearingFeeIncome => "Clearing fee income",
        AccountKind.UnusedPassRevenue => "Unused pass revenue",
        AccountKind.ClearingFeeExpense => "Clearing fee expense",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown account kind."),
    };

    /// <summary>Reads a code written by <see cref="Code"/>; the inverse is exact for every account the rules create.</summary>
    public static Account Parse(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        var number = int.Parse(dot < 0 ? code : code[..dot], CultureInfo.InvariantCulture);
        var kind = Enum.IsDefined(typeof(AccountKind), number)
            ? (AccountKind)number
            : throw new FormatException($"'{code}' is not an account code.");
        return new Account(kind, dot < 0 ? string.Empty : code[(dot + 1)..]);
    }

    public override string ToString() => Code;
}
