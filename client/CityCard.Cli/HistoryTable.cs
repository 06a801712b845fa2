using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>A card's history as a table, times in China Standard Time.</summary>
internal static class HistoryTable
{
    public static void Print(CardHistory history) => Print(Console.Out, history);

    public static void Print(TextWriter output, CardHistory history) =>
        TablePrinter.Print(
            output,
            ["#", "recorded (CST)", "tap time (CST)", "amount", "balance", "what happened"],
            history.Entries.Select(e => (IReadOnlyList<string>)[
                e.Version.ToString(CultureInfo.InvariantCulture),
                e.RecordedAt.ToChinaTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                e.BusinessTime?.ToChinaTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                e.Amount.Fen == 0 ? "" : e.Amount.ToString(),
                e.BalanceAfter.ToString(),
                e.Summary,
            ]));
}
