using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// Ends a business day through the gateways, as the region's clearing operator: every window up to the day's that is
/// not yet settled is closed in date order (the day's own early if its cut-off has not come: the demonstration cannot
/// wait for midnight; an earlier one may have started closing by itself after its cut-off), waited for, its settlement
/// printed and written as reports, and, given a bank reference, the settlement bank's confirmation recorded (and
/// retried, to show the retry changes nothing). So no window is left closed and unconfirmed: the run ends by listing
/// every window it ended in its final state. Its Idempotency-Keys are derived from the windows, so running it again
/// for the same day is a retry: it gets the first outcomes and moves nothing twice.
/// </summary>
internal sealed class EndOfDay(GatewayDirectory gateways, City via, TextWriter output, string? reportDirectory, string? bankReference)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private GatewayClient Clearing => gateways.For(via, GatewayDirectory.Clearing);

    public async Task RunAsync(DateOnly? day, CancellationToken ct)
    {
        output.WriteLine();
        output.WriteLine($"== Settlement: the clearing house ends the business day (the region's clearing key, through the {via} gateway) ==");
        var status = ClearingCli.Require(await Clearing.GetWindowsAsync(ct), "clearing windows");
        var target = day ?? status.CurrentWindow;
        output.WriteLine($"Projection lag {status.LagEvents} events, {status.OutstandingGaps} gaps; current window {ClearingCli.Day(status.CurrentWindow)}");

        // Earlier windows still open, closing (by themselves, after their cut-off) or closed and unconfirmed end first.
        var windows = status.Windows
            .Where(w => w.Window < target && w.Status is WindowStatus.Open or WindowStatus.Closing or WindowStatus.Closed)
            .Select(w => w.Window)
            .Append(target)
            .ToList();
        var ended = new List<DateOnly>();
        foreach (var window in windows)
        {
            if (await EndAsync(window, window == target ? bankReference : EarlierReference(window), explicitly: day is not null || window != target, ct))
            {
                ended.Add(window);
            }
        }

        output.WriteLine();
        output.WriteLine("== The windows this run ended, as they stand ==");
        var views = new List<WindowView>();
        foreach (var window in ended)
        {
            views.Add(ClearingCli.Require(await Clearing.GetWindowAsync(window, ct), $"window {ClearingCli.Day(window)}"));
        }

        ClearingTables.Windows(output, views);
        var open = views.Where(v => v.Status is not (WindowStatus.Settled or WindowStatus.Aborted)).ToList();
        output.WriteLine(open.Count == 0
            ? "Every window this run closed is in a final state (settled, or aborted and carried)."
            : $"Not yet final: {string.Join(", ", open.Select(v => $"{ClearingCli.Day(v.Window)} {v.Status}"))} (run again with --confirm to record the bank's confirmation).");

        output.WriteLine();
        ClearingTables.TrialBalance(output, ClearingCli.Require(await gateways.For(City.ZG, GatewayDirectory.Operations).GetTrialBalanceAsync(ct: ct), "trial balance"));
    }

    /// <summary>
    /// Closes one window, waits for it, prints and writes its settlement, and records the bank's confirmation. False when
    /// the window was the current one and its day has not begun (today's was closed earlier): nothing to end.
    /// </summary>
    private async Task<bool> EndAsync(DateOnly window, string? reference, bool explicitly, CancellationToken ct)
    {
        output.WriteLine();
        var closing = await CloseAsync(window, ct);
        if (closing is null)
        {
            if (explicitly)
            {
                throw new InvalidOperationException($"close window {ClearingCli.Day(window)}: refused: its business day has not begun (WindowInFuture).");
            }

            output.WriteLine($"Window {ClearingCli.Day(window)} has not begun (today's window was closed earlier): nothing to close yet.");
            return false;
        }

        output.WriteLine($"Close window {ClearingCli.Day(window)}: {closing}");
        var view = await WindowWait.UntilClosedAsync(Clearing, window, Patience, ct);
        output.WriteLine($"Window {ClearingCli.Day(window)} is {view.Status} (closed {ClearingCli.Cst(view.ClosedAt)} CST)");

        var report = ClearingCli.Require(await Clearing.GetSettlementAsync(window, ct), "settlement");
        output.WriteLine();
        ClearingTables.Settlement(output, report);
        if (reportDirectory is not null)
        {
            var files = await SettlementReportFiles.WriteAsync(report, reportDirectory);
            output.WriteLine();
            output.WriteLine($"Reports written: {string.Join(", ", files.Select(Path.GetFileName))} in {Path.GetDirectoryName(files[0])}");
        }

        // An aborted window is final already: its obligations go into the next window that closes.
        if (reference is not null && view.Status is WindowStatus.Closed or WindowStatus.Settled)
        {
            await ConfirmAsync(window, reference, ct);
        }

        return true;
    }

    private async Task ConfirmAsync(DateOnly window, string reference, CancellationToken ct)
    {
        var key = $"end-of-day-{ClearingCli.Day(window)}-confirm";
        var body = new ConfirmSettlementBody { BankReference = reference };
        var settled = ClearingCli.Require(await Clearing.ConfirmSettlementAsync(window, body, key, ct), "confirmation");
        var again = ClearingCli.Require(await gateways.For(NextCity(via), GatewayDirectory.Clearing).ConfirmSettlementAsync(window, body, key, ct), "confirmation retry");
        output.WriteLine();
        output.WriteLine($"Settlement bank confirms {reference} for {ClearingCli.Day(window)}: {settled.Status}{(settled.Replay ? " (replay)" : string.Empty)}, window {settled.Window.Status}; " +
            $"the bank's retry at the {NextCity(via)} gateway: {again.Status}{(again.Replay ? " (replay)" : string.Empty)}");
    }

    /// <summary>
    /// Windows close in date order: an earlier one still open (the day just ended, closing by itself after its cut-off)
    /// is waited for. A window already closing or closed (by itself, or by an earlier run) is taken as it is. Null when
    /// the window's day has not begun.
    /// </summary>
    private async Task<string?> CloseAsync(DateOnly window, CancellationToken ct)
    {
        var key = $"end-of-day-{ClearingCli.Day(window)}-close";
        for (var attempt = 1; ; attempt++)
        {
            var result = await Clearing.CloseWindowAsync(window, key, ct);
            if (result.Value is { } accepted)
            {
                return $"{accepted.Status}{(accepted.Replay ? " (replay of an earlier run)" : string.Empty)}, {accepted.Window.Status}, operation {accepted.OperationId}";
            }

            if (result.Problem?.Code == nameof(ClearingRejection.WindowNotOpen)
                && (await Clearing.GetWindowAsync(window, ct)).Value is { Status: not WindowStatus.Open } already)
            {
                return $"already {already.Status} (closed by itself after its cut-off, or by another operator)";
            }

            if (result.Problem?.Code == nameof(ClearingRejection.WindowInFuture))
            {
                return null;
            }

            if (result.Problem?.Code != nameof(ClearingRejection.EarlierWindowOpen) || attempt == 10)
            {
                ClearingCli.Require(result, $"close window {ClearingCli.Day(window)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <summary>An earlier window ended in the same run is confirmed under the given reference with its date appended.</summary>
    private string? EarlierReference(DateOnly window) => bankReference is null ? null : $"{bankReference}-{window:yyyyMMdd}";

    private static City NextCity(City city) => Cities.All[(Cities.All.ToList().IndexOf(city) + 1) % Cities.All.Count];
}
