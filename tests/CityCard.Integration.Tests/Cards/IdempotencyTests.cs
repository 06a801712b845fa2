using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Integration.Tests.Infrastructure;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Cards;

/// <summary>A retry returns the first outcome and moves nothing; the same id for something else is a conflict.</summary>
[Collection(CardClusterCollection.Name)]
public sealed class IdempotencyTests(CardClusterFixture fixture)
{
    [Fact]
    public async Task A_retried_charge_returns_the_first_outcome_and_appends_nothing()
    {
        var card = await IssuedCard(3_000);
        var tap = Charge(450, fixture.Clock.GetUtcNow());

        var first = await fixture.Cards.ChargeAsync(card, tap);
        await fixture.Cards.TopUpAsync(card, TopUp(1_000));
        var retry = await fixture.Cards.ChargeAsync(card, tap);

        Assert.False(first.IsReplay);
        Assert.True(retry.IsReplay);
        Assert.Equal(first with { IsReplay = true }, retry);
        Assert.Equal(3_550, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
        Assert.Equal(4, await fixture.StreamVersionAsync(card));
    }

    [Fact]
    public async Task The_same_operation_id_with_different_content_is_a_conflict()
    {
        var card = await IssuedCard(3_000);
        var tap = Charge(450, fixture.Clock.GetUtcNow());
        await fixture.Cards.ChargeAsync(card, tap);

        var conflict = await fixture.Cards.ChargeAsync(card, tap with { Amount = Money.FromFen(460) });

        Assert.Equal(RejectionCode.OperationConflict, conflict.Rejection);
        Assert.Equal(3, await fixture.StreamVersionAsync(card));
    }

    [Fact]
    public async Task An_id_older_than_the_cards_memory_is_still_answered_with_its_first_outcome_from_the_store()
    {
        var card = await IssuedCard(50_000);
        var oldTap = Charge(123, fixture.Clock.GetUtcNow());
        var first = await fixture.Cards.ChargeAsync(card, oldTap);
        for (var i = 0; i < CardLimits.RecentOperationCapacity + 5; i++)
        {
            await fixture.Cards.ChargeAsync(card, Charge(1, fixture.Clock.GetUtcNow()));
        }

        var version = await fixture.StreamVersionAsync(card);
        var retry = await fixture.Cards.ChargeAsync(card, oldTap);
        var conflict = await fixture.Cards.ChargeAsync(card, oldTap with { Amount = Money.FromFen(124) });

        Assert.True(retry.IsReplay);
        Assert.Equal(first with { IsReplay = true }, retry);
        Assert.Equal(RejectionCode.OperationConflict, conflict.Rejection);
        Assert.Equal(version, await fixture.StreamVersionAsync(card));
        Assert.Equal(50_000 - 123 - CardLimits.RecentOperationCapacity - 5, (await fixture.Cards.GetViewAsync(card))!.Balance.Fen);
    }

    private async Task<string> IssuedCard(long balance)
    {
        var card = CardClusterFixture.NewCard(City.NJ);
        await fixture.Cards.IssueAsync(card, Issue(card));
        await fixture.Cards.TopUpAsync(card, TopUp(balance));
        return card;
    }
}
