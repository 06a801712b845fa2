using CityCard.Gateway.Cluster;
using CityCard.Contracts;
using CityCard.Domain.Settlement;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>Business days on a driven clearing cluster: start on a fresh one, close one and wait for its settlement.</summary>
public sealed class ClearingDays(ClearingClusterFixture fixture)
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.MidnightChina;

    /// <summary>Closes every window still open (moving the clock past its cut-off) and puts the clock at 10:00 of the next fresh day.</summary>
    public async Task<DateOnly> FreshDayAsync()
    {
        while (true)
        {
            var status = await fixture.Clearing.CatchUpAsync();
            var open = status.UnsettledWindows.Where(w => w.Status == WindowStatus.Open).OrderBy(w => w.Window).FirstOrDefault();
            if (open is null)
            {
                fixture.AdvanceTo(new DateTimeOffset(status.CurrentWindow.ToDateTime(new TimeOnly(10, 0)), ChinaTime.Offset));
                return (await fixture.Clearing.GetProjectionStatusAsync()).CurrentWindow;
            }

            await CloseAsync(open.Window);
        }
    }

    public async Task<SettlementReport> CloseAsync(DateOnly day)
    {
        fixture.AdvanceTo(Calendar.EndOf(day).AddMinutes(1));
        var closing = await fixture.Clearing.CloseWindowAsync(new CloseWindowRequest(NewOp("close"), day));
        if (!closing.IsAccepted)
        {
            throw new InvalidOperationException($"{closing.Rejection}: {closing.Detail}");
        }

        return await fixture.Clearing.WaitForSettlementAsync(day, TimeSpan.FromSeconds(30)) ?? throw new TimeoutException($"Window {day} did not close.");
    }

    /// <summary>Closes the window and records the bank's confirmation: its dues and payouts are cleared against cash.</summary>
    public async Task<SettlementReport> SettleAsync(DateOnly day)
    {
        var report = await CloseAsync(day);
        var confirmed = await fixture.Clearing.ConfirmSettlementAsync(new ConfirmSettlementRequest(NewOp("settle"), day, $"BANK-{day:yyyyMMdd}"));
        return confirmed.IsAccepted ? report : throw new InvalidOperationException($"{confirmed.Rejection}: {confirmed.Detail}");
    }
}
