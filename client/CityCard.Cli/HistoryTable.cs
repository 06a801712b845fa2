using System.Globalization;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// A card's history as a table, times in China Standard Time: when each event was recorded and, for a tap, when it
/// happened (a late one is marked), the money it moved, the balance after, the first digits of its chain hash, and for
/// a fare adjustment, reversal or refund the charge it concerns (and an adjustment's fare before and after); then
/// whether the stream verifies.
/// </summary>
internal static class HistoryTable
{
    public static void Print(CardHistory history) => Print(Console.Out, history);

    public static void Print(TextWriter output, CardHistory history)
    {
        TablePrinter.Print(
            output,
            ["#", "recorded (CST)", "tap time (CST)", "", "amount", "balance", "hash", "operation", "of charge", "fare before → after", "what happened"],
            history.Entries.Select(e => (IReadOnlyList<string>)[
                e.Version.ToString(CultureInfo.InvariantCulture),
                e.RecordedAt.ToChinaTime().ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                e.BusinessTime?.ToChinaTime().ToString("MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "",
                e.Late ? "late" : "",
                e.Amount.Fen == 0 ? "" : e.Amount.ToString(),
                e.BalanceAfter.ToString(),
                e.Hash is { Length: >= 8 } h ? h[..8] : "",
                e.OperationId,
                e.ChargeOperationId ?? "",
                e.FareBefore is { } before ? $"{before} → {e.Fare?.Charged}" : "",
                e.Summary,
            ]));
        output.WriteLine($"state: {history.State.Status}, balance {history.State.Balance}, deposit {history.State.Deposit}, version {history.State.Version}"
            + (history.AsOf is { } at ? $", as of {at.ToChinaTime():yyyy-MM-dd HH:mm:ss} CST" : "")
            + (history.AsOfVersion is { } v ? $", as of version {v}" : ""));
        if (history.Verification is { } chain)
        {
            output.WriteLine(Chain(chain));
        }
    }

    public static string Chain(StreamVerification v) => v.Verified
        ? $"chain: verified, {v.EventsChecked} events, head {v.Head?[..16]}…"
        : $"chain: BROKEN at version {v.Break!.Version} ({v.Break.EventType}, {v.Break.Kind}): nothing is decided on this stream";
}
