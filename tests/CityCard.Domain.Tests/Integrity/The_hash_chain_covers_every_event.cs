using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CityCard.Domain.Integrity;
using CityCard.Domain.Tests.Simulation;
using CsCheck;
using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;

namespace CityCard.Domain.Tests.Integrity;

/// <summary>
/// The chain's hash is a pure function of the event as the domain reads it, of the chain before it, and of where it
/// stands (card, version): whatever storage does to the bytes in between, and whatever offset a clock used.
/// </summary>
public sealed class The_hash_chain_covers_every_event
{
    /// <summary>Written the way Marten is configured to write events (MartenSetup): camel case, enums as strings.</summary>
    private static readonly JsonSerializerOptions Storage = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Every_event_of_random_histories_hashes_the_same_after_a_round_trip_through_storage_json()
    {
        Gen.Int[1, int.MaxValue].Sample(seed =>
        {
            var history = new HistoryGenerator(seed).Generate(300);
            foreach (var recorded in history.Events)
            {
                var e = recorded.Event;
                var stored = (CardEvent)JsonSerializer.Deserialize(JsonSerializer.Serialize(e, e.GetType(), Storage), e.GetType(), Storage)!;
                Assert.Equal(EventChain.Link("", recorded.Card, 1, e), EventChain.Link("", recorded.Card, 1, stored));
            }
        }, iter: 8, threads: 1);
    }

    /// <summary>
    /// The link is SHA-256 over the previous hash, "card|version|name|" and the canonical form, in that order: every
    /// chain already stored was written that way, so any faster way of computing it must give the very same digest.
    /// </summary>
    [Fact]
    public void The_link_is_the_incremental_sha256_of_its_parts_for_random_histories()
    {
        Gen.Int[1, int.MaxValue].Sample(seed =>
        {
            var history = new HistoryGenerator(seed).Generate(200);
            var previous = EventChain.Genesis;
            var version = 0L;
            foreach (var recorded in history.Events)
            {
                version++;
                using var reference = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                reference.AppendData(previous.Length == 0 ? new byte[32] : Convert.FromHexString(previous));
                reference.AppendData(Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{recorded.Card.Value}|{version}|{CardEventTypes.NameOf(recorded.Event)}|")));
                reference.AppendData(CanonicalEvent.Of(recorded.Event));
                var expected = Convert.ToHexStringLower(reference.GetHashAndReset());

                var link = EventChain.Link(previous, recorded.Card, version, recorded.Event);
                Assert.Equal(expected, link);
                previous = link;
            }
        }, iter: 8, threads: 1);
    }

    [Fact]
    public void The_same_instant_at_another_offset_hashes_the_same()
    {
        var charged = Charged(Yuan(2));
        var utc = charged with { RecordedAt = charged.RecordedAt.ToUniversalTime(), Tap = charged.Tap with { TappedAt = charged.Tap.TappedAt.ToOffset(TimeSpan.FromHours(-5)) } };

        Assert.Equal(CanonicalEvent.Of(charged), CanonicalEvent.Of(utc));
    }

    [Fact]
    public void The_canonical_form_sorts_members_and_leaves_out_nulls()
    {
        var text = Encoding.UTF8.GetString(CanonicalEvent.Of(Charged(Yuan(2))));

        Assert.DoesNotContain("\"Fare\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Ride\"", text, StringComparison.Ordinal);
        Assert.StartsWith("{\"Amount\":200,", text, StringComparison.Ordinal);
        Assert.Contains("\"RecordedAt\":\"2026-11-25T23:00:00.0000000Z\"", text, StringComparison.Ordinal);
    }

    public static TheoryData<string, CardEvent> Edits => new()
    {
        { "amount one fen more", Charged(Yuan(2) + Fen(1)) },
        { "another operation id", Charged(Yuan(2), "charge-2") },
        { "recorded one tick later", Charged(Yuan(2), at: Clock.Earlier.AddTicks(1)) },
        { "another acquirer", Charged(Yuan(2)) with { Tap = Charged(Yuan(2)).Tap with { AcquirerCity = City.YB } } },
        { "another terminal sequence", Charged(Yuan(2)) with { Tap = Charged(Yuan(2)).Tap with { TerminalSequence = 8 } } },
        { "a fare added", Charged(Yuan(2)) with { Fare = new FareBreakdown("LZ@2026-01-01", Yuan(2), Money.Zero, Money.Zero, Money.Zero, Yuan(2), [], true, false, null) } },
        { "another event type with the same members", new ChargeRefused("charge-1", Clock.Earlier, Yuan(2), Charged(Yuan(2)).Tap, RejectionCode.InsufficientBalance) },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Any_edit_changes_the_hash(string edit, CardEvent edited)
    {
        var original = EventChain.Link("", Numbers.Zigong, 3, Charged(Yuan(2)));

        Assert.True(original != EventChain.Link("", Numbers.Zigong, 3, edited), edit);
    }

    [Fact]
    public void The_hash_depends_on_the_card_the_version_and_the_link_before()
    {
        var e = Charged(Yuan(2));
        var hash = EventChain.Link("", Numbers.Zigong, 3, e);

        Assert.NotEqual(hash, EventChain.Link("", Numbers.Luzhou, 3, e));
        Assert.NotEqual(hash, EventChain.Link("", Numbers.Zigong, 4, e));
        Assert.NotEqual(hash, EventChain.Link(hash, Numbers.Zigong, 3, e));
        Assert.True(EventChain.IsWellFormed(hash));
    }

    [Fact]
    public void The_state_carries_the_hash_of_its_last_event()
    {
        CardEvent[] events = [Issued(), ToppedUp(Yuan(10)), Charged(Yuan(2))];
        var state = CardEvolver.Fold(CardState.Initial(Numbers.Zigong), events);

        var head = events.Select((e, i) => (e, v: i + 1L)).Aggregate(EventChain.Genesis, (h, x) => EventChain.Link(h, Numbers.Zigong, x.v, x.e));
        Assert.Equal(head, state.ChainHead);
        Assert.Equal(EventChain.Genesis, CardState.Initial(Numbers.Zigong).ChainHead);
    }
}
