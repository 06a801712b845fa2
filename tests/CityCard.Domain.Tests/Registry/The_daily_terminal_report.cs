using CityCard.Domain.Registry;

namespace CityCard.Domain.Tests.Registry;

/// <summary>The daily terminal report, pure: gaps, numbers reused with other content, silent terminals; a late upload fills a gap.</summary>
public sealed class The_daily_terminal_report
{
    private static readonly DateOnly Day = new(2026, 12, 3);

    private static IEnumerable<TapSeen> Taps(string terminal, IEnumerable<long> numbers, DateOnly? day = null, string content = "a") =>
        numbers.Select(n => new TapSeen(terminal, n, $"{content}{n}", day ?? Day));

    private static IEnumerable<long> Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => (long)n);

    [Fact]
    public void One_to_ten_and_thirteen_to_twenty_miss_eleven_and_twelve_until_they_come_late()
    {
        var first = SequenceContinuity.Report(City.LZ, Day, Taps("T1", Range(1, 10)).Concat(Taps("T1", Range(13, 20))), ["T1"]);
        Assert.Equal([new SequenceGap("T1", 11, 12)], first.Gaps);

        var late = SequenceContinuity.Report(City.LZ, Day, Taps("T1", Range(1, 20)), ["T1"]);
        Assert.Empty(late.Gaps);
        Assert.Empty(late.Silent);
    }

    [Fact]
    public void A_day_continues_from_the_last_number_of_an_earlier_day()
    {
        var report = SequenceContinuity.Report(City.LZ, Day, Taps("T1", [7], Day.AddDays(-1)).Concat(Taps("T1", Range(10, 12))), []);

        Assert.Equal([new SequenceGap("T1", 8, 9)], report.Gaps);
    }

    [Fact]
    public void A_number_used_for_two_contents_is_reused_and_a_registered_terminal_without_taps_is_silent()
    {
        var report = SequenceContinuity.Report(City.LZ, Day, Taps("T1", Range(1, 3)).Concat(Taps("T1", [2], content: "b")), ["T1", "T2"]);

        Assert.Equal([new ReusedSequence("T1", 2, 2)], report.Reused);
        Assert.Equal(["T2"], report.Silent);
        Assert.Equal(1, report.Terminals);
    }
}
