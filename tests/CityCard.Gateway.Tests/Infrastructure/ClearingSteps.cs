using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Domain.Settlement;
using CityCard.Gateway.Access;
using Npgsql;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// The clearing moves the HTTP tests share. The clearing house is the region's, one per fixture, so tests that close
/// windows work on whatever window is current: each close is an early close of the current window, and the next one
/// may be closed only once its day has begun, so the silo's clock is moved to that day first.
/// </summary>
public static class ClearingSteps
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Closes the current window through <paramref name="gateway"/> with the region's clearing key, after any earlier
    /// window still open (windows close in date order), and waits until it has closed. If the current window's day has
    /// not begun (today's was closed early), the silo's clock moves to a minute into it first.
    /// </summary>
    public static async Task<(DateOnly Window, GatewayResult<ClearingOperationResponse> Close)> CloseCurrentWindowAsync(this ClearingGatewayFixture gateways, City gateway, string idempotencyKey)
    {
        var clearing = gateways.Client(gateway, Role.Clearing);
        var windows = (await clearing.GetWindowsAsync()).Expect();
        gateways.Clock.AdvanceTo(BusinessCalendar.MidnightChina.StartOf(windows.CurrentWindow).AddMinutes(1));
        foreach (var earlier in windows.Windows.Where(w => w.Status == WindowStatus.Open && w.Window < windows.CurrentWindow))
        {
            (await clearing.CloseWindowAsync(earlier.Window, GatewayFixture.NewKey("earlier"))).Expect();
            await gateways.WaitUntilAsync(earlier.Window, WindowStatus.Closed);
        }

        var close = await clearing.CloseWindowAsync(windows.CurrentWindow, idempotencyKey);
        close.Expect();
        await gateways.WaitUntilAsync(windows.CurrentWindow, WindowStatus.Closed);
        return (windows.CurrentWindow, close);
    }

    public static async Task WaitUntilAsync(this GatewayFixture gateways, DateOnly window, WindowStatus status)
    {
        var reader = gateways.Client(City.ZG, Role.Operations);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while ((await reader.GetWindowAsync(window)).Value?.Status != status)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Window {window} did not become {status} within {Patience}.");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits until no window is closing, so that the windows stand still while a test looks at them.</summary>
    public static async Task WaitUntilNoWindowIsClosingAsync(this GatewayFixture gateways)
    {
        var reader = gateways.Client(City.ZG, Role.Operations);
        var deadline = DateTimeOffset.UtcNow + Patience;
        while ((await reader.GetWindowsAsync()).Expect().Windows.Any(w => w.Status == WindowStatus.Closing))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"A window was still closing after {Patience}.");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// What the clearing house has recorded, as PostgreSQL has it: how many commands it accepted, and each window's state
    /// (not its running totals, which the projection of earlier tests' events may still be moving).
    /// Equal before and after a refused request proves the refusal changed nothing.
    /// </summary>
    public static async Task<string> ClearingRecordsAsync(this GatewayFixture gateways)
    {
        await using var connection = new NpgsqlConnection(gateways.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select (select count(*) from citycard.clearing_operations)::text || ' operations; ' ||
                   coalesce((select string_agg(window_date || ' ' || status || ' ' || coalesce(carried_into::text, '-'), '; ' order by window_date)
                             from citycard.clearing_windows), 'no windows')
            """,
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
