using CityCard.Gateway.Cluster;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Clearing;

/// <summary>
/// The settlement of a closed window, as JSON (integer fen) or CSV (one measure per row): the region's report, which
/// holds every city's payout statement and is the clearing operators' alone, and this gateway's city's own statement
/// (its position, what it owes and is owed by each city by flow, its fees, its operators' payouts) for its back office.
/// </summary>
public static class SettlementEndpoints
{
    public static void MapSettlementEndpoints(this IEndpointRouteBuilder routes)
    {
        var windows = routes.MapGroup("/v1/clearing/windows/{window}").WithTags("Clearing");
        windows.MapGet("/settlement", Region).Requires(GatewayOperation.ReadRegionSettlement)
            .Produces<SettlementReport>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The region's settlement of a closed window: every city's net position, dues, fees and payouts (?format=csv for CSV)");
        windows.MapGet("/statement", Statement).Requires(GatewayOperation.ReadCityStatement)
            .Produces<SettlementReport>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("This city's statement of a closed window: its position, its flows, dues and fees with each city, its operators' payouts (?format=csv for CSV)");
    }

    private static Task<IResult> Region(HttpContext http, string window, string? format, SettlementClient clearing) =>
        AnswerAsync(http, window, format, clearing, Cities.All, report => (report, "region"));

    private static Task<IResult> Statement(HttpContext http, string window, string? format, SettlementClient clearing, GatewaySettings gateway) =>
        AnswerAsync(http, window, format, clearing, [gateway.City], report => (SettlementReportFiles.ForCity(report, gateway.City), gateway.City.ToString()));

    /// <summary>
    /// The report as the caller may see it: with the day's terminal reports of <paramref name="cities"/> (docs/decisions/0095),
    /// and its settlement accounts masked but to the clearing role.
    /// </summary>
    private static async Task<IResult> AnswerAsync(
        HttpContext http, string window, string? format, SettlementClient clearing, IReadOnlyList<City> cities, Func<SettlementReport, (SettlementReport Part, string Name)> part)
    {
        if (!WindowDate.TryParse(window, out var date))
        {
            return ClearingResults.MalformedWindow();
        }

        if (!ReportFormats.TryChoose(format, http.Request.Headers.Accept.ToString(), out var chosen))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, "format is json or csv.");
        }

        if (await clearing.GetSettlementAsync(date) is not { } report)
        {
            return await clearing.GetWindowAsync(date) is { } view
                ? ClearingResults.Problem(ClearingRejection.WindowNotClosed, $"Window {window} is {view.Status}; its settlement exists once it has closed.")
                : ClearingResults.Problem(ClearingRejection.UnknownWindow, $"Window {window} has had nothing posted to it and was never closed.");
        }

        var terminals = new List<TerminalDayReport>();
        foreach (var city in cities)
        {
            terminals.Add(await clearing.GetTerminalReportAsync(city, date));
        }

        var (shown, name) = part(report with { Terminals = terminals });
        if (http.Caller().Role != Role.Clearing)
        {
            shown = SettlementReportFiles.WithAccountsMasked(shown);
        }

        if (chosen == ReportFormat.Json)
        {
            return TypedResults.Ok(shown);
        }

        http.Response.Headers.ContentDisposition = $"inline; filename=\"settlement-{window}-{name}.csv\"";
        return TypedResults.Text(SettlementReportFiles.ToCsv(shown), "text/csv; charset=utf-8");
    }
}
