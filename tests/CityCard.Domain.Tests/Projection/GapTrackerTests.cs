using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Ledger;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Tests.Projection;

public sealed class GapTrackerTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 26, 9, 0, 0, ChinaTime.Offset);

    [Fact]
    public void Found_numbers_split_a_gap_and_the_rest_is_kept_while_an_older_transaction_is_open()
    {
        var gaps = GapTracker.Resolve([new GapRange(10, 20, T)], [12, 15], oldestOpenTransaction: T.AddSeconds(-1));

        Assert.Equal(["10-11", "13-14", "16-20"], gaps.Select(g => $"{g.From}-{g.To}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public void A_gap_is_forgotten_once_every_transaction_that_began_before_it_was_seen_has_ended(int? oldestSecondsAfter)
    {
        var oldest = oldestSecondsAfter is { } s ? T.AddSeconds(s) : (DateTimeOffset?)null;

        Assert.Empty(GapTracker.Resolve([new GapRange(10, 20, T)], [], oldest));
    }

    [Fact]
    public void A_transaction_that_began_at_the_very_instant_the_gap_was_seen_still_holds_it() =>
        Assert.Single(GapTracker.Resolve([new GapRange(10, 20, T)], [], T));

    [Fact]
    public void Advancing_stops_before_a_gap_it_could_not_remember()
    {
        var events = new[] { 2L, 4, 6, 8 }.Select(Event).ToList();

        var (taken, position, gaps) = GapTracker.Advance(0, [], events, T, maxGaps: 2);

        Assert.Equal([2L, 4], taken.Select(e => e.Sequence));
        Assert.Equal(4, position);
        Assert.Equal(["1-1", "3-3"], gaps.Select(g => $"{g.From}-{g.To}"));
    }

    private static RecordedCardEvent Event(long sequence) =>
        new(sequence, CardNumber.Create(City.ZG, 1), new CardBlocked("b", T, BlockReason.Lost));
}
