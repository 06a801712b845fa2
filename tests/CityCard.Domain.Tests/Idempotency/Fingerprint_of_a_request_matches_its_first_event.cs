using CsCheck;
using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.Idempotency;

public sealed class Fingerprint_of_a_request_matches_its_first_event
{
    private static readonly Gen<char> IdentifierChar = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"];

    public static TheoryData<RecordedRequest> Kinds => RequestKinds.Cases;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_request_and_the_event_it_produced_digest_alike(RecordedRequest kind)
    {
        var e = RequestKinds.FirstEventOf(kind);

        if (kind.Request is ReceiveReplacementFundsRequest)
        {
            // The funds continue the claim's operation: the event starts nothing, and the record keeps the claim's digest.
            Assert.Null(OperationFingerprint.Of(e));
            var after = CardEvolver.Evolve(kind.Before, e);
            Assert.True(after.Operations.TryGet(kind.Request.OperationId, out var record));
            Assert.Equal(OperationFingerprint.Of(Claim(kind.Request.OperationId)), record.Fingerprint);
        }
        else
        {
            Assert.Equal(OperationFingerprint.Of(kind.Request), OperationFingerprint.Of(e));
        }
    }

    [Fact]
    public void Every_event_type_has_a_fingerprint_rule()
    {
        var events = RequestKinds.All.SelectMany(RequestKinds.EventsOf).Select(e => e.GetType()).ToHashSet();

        Assert.Equal(CardEventTypes.Names.Keys.ToHashSet(), events);
    }

    [Fact]
    public void Any_accepted_or_refused_tap_digests_like_its_request()
    {
        var gen =
            from amount in Gen.Long[1, 20_000]
            from balance in Gen.Long[0, 20_000]
            from city in Gen.Enum<City>()
            from merchant in Gen.String[IdentifierChar, 1, CardLimits.MaxMerchantIdLength]
            from category in Gen.Enum<Category>().Where(c => !c.IsTransit())
            from terminal in Gen.String[IdentifierChar, 1, CardLimits.MaxTerminalIdLength]
            from sequence in Gen.Long[0, long.MaxValue]
            from minutesAgo in Gen.Int[-5, 60 * 24 * 31]
            from offsetHours in Gen.Int[-12, 14]
            select (Charge: new ChargeRequest(
                    "charge-x",
                    Fen(amount),
                    city,
                    merchant,
                    category,
                    terminal,
                    sequence,
                    Clock.Now.AddMinutes(-minutesAgo).ToOffset(TimeSpan.FromHours(offsetHours))),
                Balance: Fen(balance));

        gen.Sample(x =>
        {
            var state = CardEvolver.Fold(CardState.Initial(Numbers.Zigong), [Issued(), ToppedUp(x.Balance)]);
            var append = Assert.IsType<CardDecision.Append>(CardDecider.Decide(state, x.Charge, Clock.Now, TestPolicies.Default));
            Assert.Equal(OperationFingerprint.Of(x.Charge), OperationFingerprint.Of(Assert.Single(append.Events)));
        }, iter: 2_000);
    }

    [Fact]
    public void Top_ups_that_differ_digest_differently()
    {
        var topUp =
            from amount in Gen.Long[1, 100_000]
            from city in Gen.Enum<City>()
            from channel in Gen.Enum<TopUpChannel>()
            select new TopUpRequest("top-up-x", Fen(amount), city, channel);

        Gen.Select(topUp, topUp).Sample((a, b) =>
            Assert.Equal(a == b, OperationFingerprint.Of(a) == OperationFingerprint.Of(b)), iter: 2_000);
    }

    [Fact]
    public void The_digest_of_a_tap_depends_on_its_instant_not_its_offset()
    {
        var tap = Charge(tappedAt: Clock.Now.AddMinutes(-3));

        Assert.Equal(
            OperationFingerprint.Of(tap),
            OperationFingerprint.Of(tap with { TappedAt = tap.TappedAt.ToOffset(TimeSpan.Zero) }));
    }
}
