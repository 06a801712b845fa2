using CityCard.Domain.Integrity;
using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;

namespace CityCard.Domain.Tests.State;

/// <summary>
/// The replay a dispute is decided on: as of a moment (recording time) or a version, with business and recording
/// times, late taps marked, refusals named, stored hashes shown, and the chain of the whole stream verified.
/// </summary>
public sealed class Replaying_a_card_as_of_a_moment_or_a_version
{
    private static readonly DateTimeOffset T1 = Clock.Now.AddHours(-5);
    private static readonly DateTimeOffset T2 = Clock.Now.AddHours(-4);
    private static readonly DateTimeOffset T3 = Clock.Now.AddHours(-3);
    private static readonly DateTimeOffset T4 = Clock.Now.AddHours(-2);

    /// <summary>Issued, topped up, a tap made offline at 09:00 and uploaded at T3 (hours later), a refused tap.</summary>
    private static readonly CardEvent[] Events =
    [
        Issued(at: T1),
        ToppedUp(Yuan(50), "top-up-1", T2),
        Charged(Yuan(2), "offline-1", T3) with { Tap = Charged(Yuan(2)).Tap with { TappedAt = T1.AddMinutes(30) } },
        Refused(Yuan(100), RejectionCode.InsufficientBalance, "charge-2", T4),
    ];

    private static List<ChainedEvent> Stored(IEnumerable<CardEvent> events)
    {
        var state = CardState.Initial(Numbers.Zigong);
        return events.Select(e =>
        {
            state = CardEvolver.Evolve(state, e);
            return new ChainedEvent(state.Version, CardEventTypes.NameOf(e), e, state.ChainHead);
        }).ToList();
    }

    [Fact]
    public void A_moment_between_two_events_gives_the_state_after_the_first()
    {
        var history = CardHistoryBuilder.Build(Numbers.Zigong, Stored(Events), new ReplayPoint(T2.AddMinutes(30)));

        Assert.Equal(2, history.Entries.Count);
        Assert.Equal((Yuan(50), 2L, CardStatus.Active), (history.State.Balance, history.State.Version, history.State.Status));
    }

    [Fact]
    public void A_version_gives_the_state_after_that_event_and_both_limits_apply_together()
    {
        var byVersion = CardHistoryBuilder.Build(Numbers.Zigong, Stored(Events), new ReplayPoint(AsOfVersion: 3));
        var both = CardHistoryBuilder.Build(Numbers.Zigong, Stored(Events), new ReplayPoint(T2, 3));

        Assert.Equal((3, Yuan(48), 3L), (byVersion.Entries.Count, byVersion.State.Balance, byVersion.AsOfVersion));
        Assert.Equal(2, both.Entries.Count);
    }

    [Fact]
    public void A_late_offline_tap_shows_its_business_time_with_its_recording_time_and_is_marked_late()
    {
        var tap = CardHistoryBuilder.Build(Numbers.Zigong, Stored(Events), ReplayPoint.Now).Entries[2];

        Assert.Equal((T1.AddMinutes(30), T3, true), (tap.BusinessTime, tap.RecordedAt, tap.Late));
        Assert.Equal(-Yuan(2), tap.Amount);
    }

    [Fact]
    public void A_refused_tap_is_named_with_its_reason_and_is_not_late()
    {
        var refused = CardHistoryBuilder.Build(Numbers.Zigong, Stored(Events), ReplayPoint.Now).Entries[3];

        Assert.Equal((RejectionCode.InsufficientBalance, false, Money.Zero), (refused.Refusal, refused.Late, refused.Amount));
    }

    [Fact]
    public void Each_entry_shows_its_stored_hash_and_the_stream_verifies()
    {
        var stored = Stored(Events);
        var history = CardHistoryBuilder.Build(Numbers.Zigong, stored, new ReplayPoint(AsOfVersion: 1));

        Assert.Equal(stored[0].StoredHash, history.Entries[0].Hash);
        Assert.True(history.Verification!.Verified);
        Assert.Equal(4L, history.Verification.EventsChecked);
    }

    [Fact]
    public void An_edit_after_the_moment_asked_still_fails_the_verification()
    {
        var stored = Stored(Events).ToList();
        stored[3] = stored[3] with { Event = ((ChargeRefused)Events[3]) with { Amount = Yuan(1) } };

        var history = CardHistoryBuilder.Build(Numbers.Zigong, stored, new ReplayPoint(T2));

        Assert.Equal(2, history.Entries.Count);
        Assert.False(history.Verification!.Verified);
        Assert.Equal((4L, ChainBreakKind.HashMismatch), (history.Verification.Break!.Version, history.Verification.Break.Kind));
    }

    [Fact]
    public void An_unreadable_event_ends_the_replay_there()
    {
        var stored = Stored(Events).ToList();
        stored[2] = stored[2] with { Event = null };

        var history = CardHistoryBuilder.Build(Numbers.Zigong, stored, ReplayPoint.Now);

        Assert.Equal(2, history.Entries.Count);
        Assert.Equal(ChainBreakKind.Unreadable, history.Verification!.Break!.Kind);
    }
}
