using CityCard.Domain.Integrity;
using CityCard.Domain.Tests.Simulation;
using CsCheck;

namespace CityCard.Domain.Tests.Integrity;

/// <summary>A stream as appended verifies; any one event edited, dropped or unhashed is named, and nothing before it.</summary>
public sealed class The_verifier_names_the_first_event_that_does_not_match
{
    /// <summary>Random card streams with the hashes the card's state chained as they were appended.</summary>
    private static readonly Gen<(CardNumber Card, List<ChainedEvent> Stream)> Streams =
        Gen.Int[1, int.MaxValue].Select(seed =>
        {
            var history = new HistoryGenerator(seed).Generate(400);
            var card = history.Events.GroupBy(e => e.Card).OrderByDescending(g => g.Count()).First();
            var state = CardState.Initial(card.Key);
            var stream = new List<ChainedEvent>();
            foreach (var e in card.Select(c => c.Event))
            {
                state = CardEvolver.Evolve(state, e);
                stream.Add(new ChainedEvent(state.Version, CardEventTypes.NameOf(e), e, state.ChainHead));
            }

            return (card.Key, stream);
        });

    [Fact]
    public void A_stream_as_appended_verifies_and_its_head_is_the_states()
    {
        Streams.Sample(s =>
        {
            var result = StreamVerifier.Verify(s.Card, s.Stream);

            Assert.True(result.Verified);
            Assert.Equal((long)s.Stream.Count, result.EventsChecked);
            Assert.Equal(s.Stream[^1].StoredHash, result.Head);
        }, iter: 20, threads: 1);
    }

    [Fact]
    public void One_edited_event_is_named_exactly()
    {
        Gen.Select(Streams, Gen.Int[0, 1_000_000]).Sample((s, pick) =>
        {
            var index = pick % s.Stream.Count;
            var victim = s.Stream[index];
            var edited = victim with { Event = victim.Event! with { OperationId = victim.Event.OperationId + "x" } };
            var stream = s.Stream.Select((e, i) => i == index ? edited : e).ToList();

            var result = StreamVerifier.Verify(s.Card, stream);

            Assert.False(result.Verified);
            Assert.Equal((victim.Version, ChainBreakKind.HashMismatch, victim.StoredHash), (result.Break!.Version, result.Break.Kind, result.Break.Stored));
            Assert.Equal(victim.Version, result.EventsChecked);
        }, iter: 40, threads: 1);
    }

    [Fact]
    public void A_deleted_event_a_missing_hash_and_unreadable_data_are_each_named()
    {
        Streams.Sample(s =>
        {
            var middle = s.Stream.Count / 2;
            var deleted = s.Stream.Where((_, i) => i != middle).ToList();
            var unhashed = s.Stream.Select((e, i) => i == middle ? e with { StoredHash = null } : e).ToList();
            var unreadable = s.Stream.Select((e, i) => i == middle ? e with { Event = null } : e).ToList();
            var version = s.Stream[middle].Version;

            Assert.Equal((version + 1, ChainBreakKind.VersionGap), Kind(StreamVerifier.Verify(s.Card, deleted)));
            Assert.Equal((version, ChainBreakKind.HashMissing), Kind(StreamVerifier.Verify(s.Card, unhashed)));
            Assert.Equal((version, ChainBreakKind.Unreadable), Kind(StreamVerifier.Verify(s.Card, unreadable)));
        }, iter: 10, threads: 1);
    }

    [Fact]
    public void A_stream_copied_onto_another_card_does_not_verify()
    {
        Streams.Sample(s =>
        {
            var other = CardNumber.Create(s.Card.Issuer, 999_999_999);

            Assert.Equal((1L, ChainBreakKind.HashMismatch), Kind(StreamVerifier.Verify(other, s.Stream)));
        }, iter: 5, threads: 1);
    }

    [Fact]
    public void An_empty_stream_verifies_with_no_head()
    {
        var result = StreamVerifier.Verify(Numbers.Zigong, []);

        Assert.Equal((true, 0L, (string?)null), (result.Verified, result.EventsChecked, result.Head));
    }

    private static (long, ChainBreakKind) Kind(StreamVerification v) => (v.Break!.Version, v.Break.Kind);
}
