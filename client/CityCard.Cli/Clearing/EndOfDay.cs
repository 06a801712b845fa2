using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// Ends a business day through the gateways, as the region's clearing operator: the window is closed (early if its
/// cut-off has not come: the demonstration cannot wait for midnight), waited for, its settlement printed and written as
/// reports, and, given a bank reference, the settlement bank's confirmation recorded (and retried, to show the retry
/// changes nothing). Its Idempotency-Keys are derived from the window, so running it again for the same day is a
/// retry: it gets the first outcomes and moves nothing twice.
/// </summary>
internal sealed class EndOfDay(GatewayDirectory gateways, City via, TextWriter output, string? reportDirectory, string? bankReference)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private GatewayClient Clearing => gateways.For(via, GatewayDirectory.Clearing);

    public async Task RunAsync(DateOnly? day, CancellationToken ct)
    {
        output.WriteLine();
        output.WriteLine($"== Settlement: the clearing house ends the business day (the region's clearing key, through the {via} gateway) ==");
        var status = ClearingCli.Require(await Clearing.GetClearingStatusAsync(ct), "clearing status");
        output.WriteLine($"Projection at event {status.Position} of {status.Head} (lag {status.LagEvents}, gaps {status.OutstandingGaps}); current window {ClearingCli.Day(status.CurrentWindow)}");

        var window = day ?? status.CurrentWindow;
        output.WriteLine($"Close window {ClearingCli.Day(window)}: {await CloseAsync(window, ct)}");
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

        if (bankReference is null)
        {
            return;
        }

        var key = $"end-of-day-{ClearingCli.Day(window)}-confirm";
        var body = new ConfirmSettlementBody { BankReference = bankReference };
        var settled = ClearingCli.Require(await Clearing.ConfirmSettlementAsync(window, body, key, ct), "confirmation");
        var again = ClearingCli.Require(await gateways.For(NextCity(via), GatewayDirectory.Clearing).ConfirmSettlementAsync(window, body, key, ct), "confirmation retry");
        output.WriteLine();
        output.WriteLine($"Settlement bank confirms {bankReference}: {settled.Status}{(settled.Replay ? " (replay)" : string.Empty)}, window {settled.Window.Status}; " +
            $"the bank's retry at the {NextCity(via)} gateway: {again.Status}{(again.Replay ? " (replay)" : string.Empty)}");

        output.WriteLine();
        ClearingTables.TrialBalance(output, ClearingCli.Require(await gateways.For(City.ZG, GatewayDirectory.Operations).GetTrialBalanceAsync(ct: ct), "trial balance"));
    }

    /// <summary>
    /// Windows close in date order: an earlier one still open (the day just ended, closing by itself after its cut-off)
    /// is waited for. A window already closing or closed (by itself, or by an earlier run) is taken as it is.
    /// </summary>
    private async Task<string> CloseAsync(DateOnly window, CancellationToken ct)
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

            if (result.Problem?.Code != nameof(ClearingRejection.EarlierWindowOpen) || attempt == 10)
            {
                ClearingCli.Require(result, $"close window {ClearingCli.Day(window)}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    private static City NextCity(City city) => Cities.All[(Cities.All.ToList().IndexOf(city) + 1) % Cities.All.Count];
}
