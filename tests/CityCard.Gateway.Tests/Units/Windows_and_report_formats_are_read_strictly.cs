using CityCard.Contracts;
using CityCard.Gateway.Clearing;

namespace CityCard.Gateway.Tests.Units;

public sealed class Windows_and_report_formats_are_read_strictly
{
    [Theory]
    [InlineData("2026-11-26", true)]
    [InlineData("2000-01-01", true)]
    [InlineData("2099-12-31", true)]
    [InlineData("1999-12-31", false)]
    [InlineData("2100-01-01", false)]
    [InlineData("0026-11-26", false)]
    [InlineData("2026-02-30", false)]
    [InlineData("2026-13-01", false)]
    [InlineData("2026-11-26T00:00:00+08:00", false)]
    [InlineData("26-11-2026", false)]
    [InlineData("2026-1-26", false)]
    [InlineData(" 2026-11-26", false)]
    [InlineData("20261126", false)]
    [InlineData("today", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_window_is_a_business_date_and_nothing_else(string? text, bool valid)
    {
        Assert.Equal(valid, WindowDate.TryParse(text, out var window));
        if (valid)
        {
            Assert.Equal(text, WindowDate.Format(window));
        }
    }

    [Theory]
    [InlineData(null, null, ReportFormat.Json)]
    [InlineData("json", "text/csv", ReportFormat.Json)]
    [InlineData("csv", "application/json", ReportFormat.Csv)]
    [InlineData(null, "text/csv", ReportFormat.Csv)]
    [InlineData(null, "text/csv, application/json;q=0.5", ReportFormat.Csv)]
    [InlineData(null, "application/json, text/csv;q=0.5", ReportFormat.Json)]
    [InlineData(null, "text/csv, application/json", ReportFormat.Json)]
    [InlineData(null, "text/html,application/xhtml+xml,*/*;q=0.8", ReportFormat.Json)]
    [InlineData(null, "", ReportFormat.Json)]
    public void A_report_is_json_unless_csv_is_asked_for(string? format, string? accept, ReportFormat expected)
    {
        Assert.True(ReportFormats.TryChoose(format, accept, out var chosen));
        Assert.Equal(expected, chosen);
    }

    [Theory]
    [InlineData("xml")]
    [InlineData("CSV")]
    [InlineData("")]
    public void An_unknown_format_is_refused(string format)
    {
        Assert.False(ReportFormats.TryChoose(format, null, out _));
    }

    [Fact]
    public void The_status_leaves_out_the_silo_and_lists_windows_oldest_first()
    {
        var later = new WindowView(new DateOnly(2026, 11, 27), WindowStatus.Open, DateTimeOffset.UnixEpoch, null, null, null, null, null, null, null);
        var earlier = later with { Window = new DateOnly(2026, 11, 26), Status = WindowStatus.Closed };
        var status = new ProjectionStatus(90, 100, 10, 2, 7, null, new DateOnly(2026, 11, 27), [later, earlier], "S127.0.0.1:11111:1");

        var shown = ClearingViews.Status(status);
        Assert.Equal((90L, 100L, 10L, 2, false), (shown.Position, shown.Head, shown.LagEvents, shown.OutstandingGaps, shown.CaughtUp));
        Assert.DoesNotContain("11111", System.Text.Json.JsonSerializer.Serialize(shown), StringComparison.Ordinal);

        var windows = ClearingViews.Windows(status);
        Assert.Equal([earlier.Window, later.Window], windows.Windows.Select(w => w.Window));
        Assert.Equal((new DateOnly(2026, 11, 27), 10L), (windows.CurrentWindow, windows.LagEvents));
    }
}
