using System.Net;
using System.Text.Json;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// A business day through the gateways: taps across cities, the region's clearing key closes the window, the region's
/// report and each city's statement come out as JSON and CSV that agree, the bank's confirmation settles it, and every
/// retry with the same Idempotency-Key gets the first answer.
/// </summary>
[Collection(ClearingGatewayCollection.Name)]
public sealed class Clearing_works_through_the_gateway(ClearingGatewayFixture gateways)
{
    /// <summary>A purchase a minute ago by the silo's clock (which the window closes move forward).</summary>
    private ChargeBody Purchase(long fen, string merchant) => new()
    {
        Amount = fen, MerchantId = merchant, Category = Category.Retail, TerminalId = "T-" + merchant[^8..], TerminalSequence = 1, TappedAt = gateways.Clock.GetUtcNow().AddMinutes(-1),
    };

    private static string Shop(City city) => $"{city}-SHOP-{Guid.NewGuid():N}"[..15];

    private async Task<JsonElement> GetJsonAsync(City gateway, string apiKey, string path)
    {
        using var response = await gateways.Http(gateway).SendAsync(Requests.Json(HttpMethod.Get, path, apiKey, null, null));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> GetCsvAsync(City gateway, string apiKey, string path, string? accept = null)
    {
        using var request = Requests.Json(HttpMethod.Get, path, apiKey, null, null);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        using var response = await gateways.Http(gateway).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return body;
    }

    [Fact]
    public async Task A_day_is_closed_reported_as_json_and_csv_by_the_region_and_each_city_and_settled_once()
    {
        var lzShop = Shop(City.LZ);
        var unregistered = Shop(City.LZ);
        (await gateways.Client(City.LZ, Role.Operations).RegisterOperatorAsync(
            new RegisterOperatorBody { OperatorId = lzShop, Name = "A Luzhou shop", Categories = [Category.Retail], Bank = "Luzhou Bank", AccountNumber = "6222000011112222" },
            NewKey("op"))).Expect();
        var zgCard = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        (await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(zgCard, Purchase(120, unregistered), NewKey("buy"))).Expect();
        (await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(zgCard, Purchase(300, lzShop), NewKey("buy"))).Expect();
        var ybCard = await gateways.NewActiveCardAsync(City.YB, 0);
        (await gateways.Client(City.NJ, Role.Terminal).TopUpAsync(ybCard, new TopUpBody { Amount = 5_000, Channel = TopUpChannel.Kiosk }, NewKey("kiosk"))).Expect();

        // The region's clearing key closes the day at Luzhou's gateway; its retries, there or at Neijiang's, get the first answer.
        var key = NewKey("close");
        var (window, close) = await gateways.CloseCurrentWindowAsync(City.LZ, key);
        var first = close.Expect();
        Assert.Equal(($"RG:{key}", OperationStatus.Accepted, window, false), (first.OperationId, first.Status, first.Window.Window, first.Replay));
        Assert.Contains(first.Window.Status, new[] { WindowStatus.Closing, WindowStatus.Closed });
        foreach (var gateway in new[] { City.LZ, City.NJ })
        {
            var retry = await gateways.Client(gateway, Role.Clearing).CloseWindowAsync(window, key);
            Assert.True(retry.Replayed);
            Assert.Equal(first with { Replay = true }, retry.Expect());
        }

        var again = await gateways.Http(City.LZ).SendAsync(Requests.Json(HttpMethod.Post, $"v1/clearing/windows/{window:yyyy-MM-dd}/close", ClearingKey, NewKey("close"), null));
        var notOpen = await ProblemAssert.IsProblem(again, HttpStatusCode.Conflict, "WindowNotOpen");
        Assert.Contains($"{window:yyyy-MM-dd}", notOpen.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(WindowStatus.Closed, (await gateways.Client(City.YB, Role.Operations).GetWindowAsync(window)).Expect().Status);

        // The region's report, at any gateway: JSON and CSV carry the same measures; the day's purchase and top-up are in it.
        var path = $"v1/clearing/windows/{window:yyyy-MM-dd}";
        var region = await GetJsonAsync(City.YB, ClearingKey, $"{path}/settlement");
        SettlementAgreement.IsWellFormed(region, window, 4);
        Assert.Equal(SettlementAgreement.RowsOfJson(region), SettlementAgreement.RowsOfCsv(await GetCsvAsync(City.YB, ClearingKey, $"{path}/settlement?format=csv")));
        Assert.Equal(SettlementAgreement.RowsOfJson(region), SettlementAgreement.RowsOfCsv(await GetCsvAsync(City.ZG, ClearingKey, $"{path}/settlement", "text/csv")));
        Assert.Contains($"{window:yyyy-MM-dd},operator,LZ,,Retail,{lzShop},,payout,300", SettlementAgreement.RowsOfJson(region));

        // The registered shop is paid into its account (shown whole to the clearing role); a shop in no registry is held
        // in suspense, not paid blind; the day's terminal reports come along.
        Assert.Contains($"{window:yyyy-MM-dd},payee,LZ,,Luzhou Bank 6222000011112222,{lzShop},,paid,300", SettlementAgreement.RowsOfJson(region));
        Assert.Contains($"{window:yyyy-MM-dd},payee,LZ,,held:NotRegistered,{unregistered},,held,120", SettlementAgreement.RowsOfJson(region));
        Assert.Equal(Cities.All.Select(c => c.ToString()), region.GetProperty("terminals").EnumerateArray().Select(t => t.GetProperty("city").GetString()));
        Assert.Contains(region.GetProperty("bilateral").EnumerateArray(), b => b.GetProperty("payer").GetString() == "NJ" && b.GetProperty("payee").GetString() == "YB" && b.GetProperty("flow").GetString() == "TopUp" && b.GetProperty("gross").GetInt64() >= 5_000);

        // Each city's statement, with its operations key at its own gateway: its own position and payouts, agreeing with the region.
        foreach (var city in Cities.All)
        {
            var statement = await GetJsonAsync(city, KeyOf(city, Role.Operations), $"{path}/statement");
            SettlementAgreement.IsWellFormed(statement, window, 1);
            var rows = SettlementAgreement.RowsOfJson(statement);
            Assert.Equal(rows, SettlementAgreement.RowsOfCsv(await GetCsvAsync(city, KeyOf(city, Role.Operations), $"{path}/statement?format=csv")));
            // The payees' rows name masked accounts here, whole in the region's report (the clearing role's).
            Assert.Subset(SettlementAgreement.RowsOfJson(region).ToHashSet(), rows.Where(r => !r.Contains(",payee,", StringComparison.Ordinal)).ToHashSet());
            Assert.All(statement.GetProperty("operators").EnumerateArray(), o => Assert.Equal(city.ToString(), o.GetProperty("city").GetString()));
            Assert.Equal(city == City.LZ, rows.Any(r => r.Contains(lzShop, StringComparison.Ordinal)));
            Assert.Equal(city.ToString(), Assert.Single(statement.GetProperty("terminals").EnumerateArray()).GetProperty("city").GetString());
            Assert.Equal(city == City.LZ, rows.Contains($"{window:yyyy-MM-dd},payee,LZ,,Luzhou Bank ************2222,{lzShop},,paid,300"));
            Assert.DoesNotContain(rows, r => r.Contains("6222000011112222", StringComparison.Ordinal));
        }

        // The settlement bank's confirmation, once: its retry is the first answer; another key or another reference is refused.
        var confirmKey = NewKey("confirm");
        var confirm = new ConfirmSettlementBody { BankReference = "PBOC-TEST-0001" };
        var settled = (await gateways.Client(City.ZG, Role.Clearing).ConfirmSettlementAsync(window, confirm, confirmKey)).Expect();
        Assert.Equal((WindowStatus.Settled, "PBOC-TEST-0001", $"RG:{confirmKey}"), (settled.Window.Status, settled.Window.BankReference, settled.OperationId));
        var confirmedAgain = await gateways.Client(City.YB, Role.Clearing).ConfirmSettlementAsync(window, confirm, confirmKey);
        Assert.Equal(settled with { Replay = true }, confirmedAgain.Expect());
        Assert.True(confirmedAgain.Replayed);

        var records = await gateways.ClearingRecordsAsync();
        var otherKey = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"{path}/confirm", ClearingKey, NewKey("confirm"), """{"bankReference":"PBOC-TEST-0001"}"""));
        await ProblemAssert.IsProblem(otherKey, HttpStatusCode.Conflict, "WindowAlreadySettled");
        var otherReference = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"{path}/confirm", ClearingKey, confirmKey, """{"bankReference":"PBOC-TEST-9999"}"""));
        await ProblemAssert.IsProblem(otherReference, HttpStatusCode.Conflict, "OperationConflict");
        Assert.Equal(records, await gateways.ClearingRecordsAsync());

        Assert.Equal(WindowStatus.Settled, (await gateways.Client(City.NJ, Role.Operations).GetWindowAsync(window)).Expect().Status);
        SettlementAgreement.IsWellFormed(await GetJsonAsync(City.NJ, ClearingKey, $"{path}/settlement"), window, 4);
    }

    [Fact]
    public async Task An_aborted_window_is_refused_settlement_and_carried_into_the_next_one()
    {
        var zgShop = Shop(City.ZG);
        var njCard = await gateways.NewActiveCardAsync(City.NJ, 5_000);
        (await gateways.Client(City.ZG, Role.Terminal).ChargeAsync(njCard, Purchase(200, zgShop), NewKey("buy"))).Expect();
        var (aborted, _) = await gateways.CloseCurrentWindowAsync(City.ZG, NewKey("close"));

        var abortKey = NewKey("abort");
        var abort = new AbortWindowBody { Reason = "The settlement bank did not run" };
        var first = (await gateways.Client(City.NJ, Role.Clearing).AbortWindowAsync(aborted, abort, abortKey)).Expect();
        Assert.Equal((WindowStatus.Aborted, "The settlement bank did not run"), (first.Window.Status, first.Window.AbortReason));
        var retry = await gateways.Client(City.LZ, Role.Clearing).AbortWindowAsync(aborted, abort, abortKey);
        Assert.Equal(first with { Replay = true }, retry.Expect());

        var confirm = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, $"v1/clearing/windows/{aborted:yyyy-MM-dd}/confirm", ClearingKey, NewKey("confirm"), """{"bankReference":"PBOC-LATE"}"""));
        await ProblemAssert.IsProblem(confirm, HttpStatusCode.Conflict, "WindowAborted");

        // Its obligations are settled with the next window that closes.
        var (next, _) = await gateways.CloseCurrentWindowAsync(City.YB, NewKey("close"));
        var report = (await gateways.Client(City.YB, Role.Clearing).GetSettlementAsync(next)).Expect();
        Assert.Contains(aborted, report.CarriedWindows);
        Assert.Equal(0L, report.Positions.Sum(p => p.Net.Fen));
        Assert.Equal(aborted, (await gateways.Client(City.ZG, Role.Operations).GetWindowAsync(aborted)).Expect().Window);
    }

    /// <summary>
    /// After today's window is closed early, the current window is tomorrow's, which may not be closed before its day
    /// begins: 422 WindowInFuture at every gateway, as often as it is asked, and nothing recorded.
    /// </summary>
    [Fact]
    public async Task A_day_that_has_not_begun_is_refused_at_every_gateway_and_nothing_changes()
    {
        var (closed, _) = await gateways.CloseCurrentWindowAsync(City.NJ, NewKey("close"));
        var tomorrow = closed.AddDays(1);
        Assert.Equal(tomorrow, (await gateways.Client(City.ZG, Role.Operations).GetWindowsAsync()).Expect().CurrentWindow);
        var records = await gateways.ClearingRecordsAsync();

        foreach (var gateway in GatewayCities)
        {
            var response = await gateways.Http(gateway).SendAsync(Requests.Json(HttpMethod.Post, $"v1/clearing/windows/{tomorrow:yyyy-MM-dd}/close", ClearingKey, NewKey("close"), null));
            var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.UnprocessableEntity, "WindowInFuture");
            Assert.Contains("has not begun", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(records, await gateways.ClearingRecordsAsync());
        Assert.Equal(tomorrow, (await gateways.Client(City.LZ, Role.Clearing).GetWindowsAsync()).Expect().CurrentWindow);
        Assert.Equal("UnknownWindow", (await gateways.Client(City.YB, Role.Operations).GetWindowAsync(tomorrow)).Problem?.Code);
    }

    [Fact]
    public async Task The_status_and_the_windows_show_the_lag_and_every_window_not_yet_settled()
    {
        var status = await GetJsonAsync(City.LZ, KeyOf(City.LZ, Role.Operations), "v1/clearing/status");
        Assert.True(status.GetProperty("head").GetInt64() >= status.GetProperty("position").GetInt64() - status.GetProperty("lagEvents").GetInt64());
        Assert.True(status.GetProperty("lagEvents").GetInt64() >= 0);
        Assert.True(DateOnly.TryParse(status.GetProperty("currentWindow").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.False(status.TryGetProperty("hostSilo", out _));

        var windows = (await gateways.Client(City.YB, Role.Clearing).GetWindowsAsync()).Expect();
        Assert.All(windows.Windows, w => Assert.NotEqual(WindowStatus.Settled, w.Status));
        Assert.Equal(windows.Windows.OrderBy(w => w.Window).Select(w => w.Window), windows.Windows.Select(w => w.Window));
        Assert.True(windows.LagEvents >= 0);
    }

    [Fact]
    public async Task The_reference_and_the_openapi_document_list_the_clearing_endpoints_and_codes()
    {
        var http = gateways.Http(City.NJ);
        var openApi = await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative));
        foreach (var path in new[] { "/v1/clearing/status", "/v1/clearing/windows/{window}/close", "/v1/clearing/windows/{window}/statement", "/v1/ledger/trial-balance" })
        {
            Assert.Contains(path, openApi, StringComparison.Ordinal);
        }

        var docs = await http.GetStringAsync(new Uri("docs", UriKind.Relative));
        foreach (var code in Enum.GetNames<ClearingRejection>().Append("MalformedWindow"))
        {
            Assert.Equal(1, docs.Split($"id=\"{code}\"").Length - 1);
        }

        Assert.Contains("/v1/clearing/windows/{window}/settlement", docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_citys_trial_balance_is_its_own_ledger_now_and_as_of_a_moment()
    {
        var before = gateways.Clock.GetUtcNow();
        var lzShop = Shop(City.LZ);
        var unregistered = Shop(City.LZ);
        (await gateways.Client(City.LZ, Role.Operations).RegisterOperatorAsync(
            new RegisterOperatorBody { OperatorId = lzShop, Name = "A Luzhou shop", Categories = [Category.Retail], Bank = "Luzhou Bank", AccountNumber = "6222000011112222" },
            NewKey("op"))).Expect();
        var zgCard = await gateways.NewActiveCardAsync(City.ZG, 5_000);
        (await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(zgCard, Purchase(120, unregistered), NewKey("buy"))).Expect();
        (await gateways.Client(City.LZ, Role.Terminal).ChargeAsync(zgCard, Purchase(250, lzShop), NewKey("buy"))).Expect();

        // Luzhou owes its shop; the ledger is the clearing house's projection, so it shows once projected.
        var lz = gateways.Client(City.LZ, Role.Operations);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        TrialBalance now;
        while (!(now = (await lz.GetTrialBalanceAsync()).Expect()).Lines.Any(l => l.Code == $"2110.{lzShop}"))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The charge never reached Luzhou's ledger.");
            await Task.Delay(200);
        }

        var payable = now.Lines.Single(l => l.Code == $"2110.{lzShop}");
        Assert.Equal((Money.Zero, Money.FromFen(250)), (payable.Debits, payable.Credits));
        Assert.Equal((City.LZ, true, (DateTimeOffset?)null), (now.City, now.IsBalanced, now.AsOf));

        // Zigong's ledger (its own key, or the region's, at its gateway) never holds Luzhou's operators.
        foreach (var key in new[] { Role.Operations, Role.Clearing })
        {
            var zg = (await gateways.Client(City.ZG, key).GetTrialBalanceAsync()).Expect();
            Assert.Equal((City.ZG, true), (zg.City, zg.IsBalanced));
            Assert.DoesNotContain(zg.Lines, l => l.Code == $"2110.{lzShop}");
        }

        var then = (await lz.GetTrialBalanceAsync(before)).Expect();
        Assert.Equal(before, then.AsOf);
        Assert.True(then.IsBalanced);
        Assert.DoesNotContain(then.Lines, l => l.Code == $"2110.{lzShop}");

        var empty = (await lz.GetTrialBalanceAsync(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero))).Expect();
        Assert.Equal((0, 0L, 0L), (empty.Lines.Count, empty.TotalDebits.Fen, empty.TotalCredits.Fen));
    }
}
