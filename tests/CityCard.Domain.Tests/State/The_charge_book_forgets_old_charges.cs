using static CityCard.Domain.Tests.Support.Amounts;
using static CityCard.Domain.Tests.Support.CardSpec;
using static CityCard.Domain.Tests.Support.History;
using static CityCard.Domain.Tests.Support.Requests;

namespace CityCard.Domain.Tests.State;

public sealed class The_charge_book_forgets_old_charges
{
    private static readonly DateTimeOffset T0 = Clock.Now.AddDays(-800);

    private static ChargeRecord At(DateTimeOffset recordedAt) =>
        new(Yuan(2), Money.Zero, TapOf(Charge(tappedAt: recordedAt)), recordedAt);

    [Fact]
    public void A_new_charge_pushes_out_those_older_than_the_memory()
    {
        var memory = CardLimits.ChargeMemory;
        var book = ChargeBook.Empty
            .Add("old", At(T0), memory)
            .Add("recent", At(T0.AddDays(100)), memory)
            .Add("new", At(T0 + memory + TimeSpan.FromDays(1)), memory);

        Assert.False(book.TryGet("old", out _));
        Assert.True(book.TryGet("recent", out _));
        Assert.True(book.TryGet("new", out _));
        Assert.Equal(["recent", "new"], book.Order);
    }

    [Fact]
    public void A_charge_exactly_one_memory_old_is_still_kept()
    {
        var memory = CardLimits.ChargeMemory;
        var book = ChargeBook.Empty
            .Add("old", At(T0), memory)
            .Add("new", At(T0 + memory), memory);

        Assert.True(book.TryGet("old", out _));
    }

    [Fact]
    public void A_reversal_is_added_to_its_charge()
    {
        var book = ChargeBook.Empty.Add("c", At(T0), CardLimits.ChargeMemory).RecordReversal("c", Fen(50));

        Assert.True(book.TryGet("c", out var charge));
        Assert.Equal(Fen(50), charge.Reversed);
        Assert.Equal(Fen(150), charge.Reversible);
    }

    [Fact]
    public void A_reversal_of_a_forgotten_charge_changes_nothing()
    {
        var book = ChargeBook.Empty.Add("c", At(T0), CardLimits.ChargeMemory);

        Assert.Same(book, book.RecordReversal("unknown", Fen(50)));
    }

    [Fact]
    public void A_charge_pushed_out_by_a_later_one_can_no_longer_be_reversed()
    {
        var old = Clock.Now - CardLimits.ChargeMemory - TimeSpan.FromDays(2);

        Given(Issued(at: old.AddDays(-1)), ToppedUp(Yuan(10), at: old.AddDays(-1)), Charged(Yuan(2), "charge-1", old), Charged(Yuan(1), "charge-2", Clock.Earlier))
            .When(Reverse(charge: "charge-1"))
            .ThenRejects(RejectionCode.ChargeNotFound);
    }

    [Fact]
    public void A_charge_older_than_the_memory_cannot_be_reversed_even_with_no_later_charge()
    {
        var old = Clock.Now - CardLimits.ChargeMemory - TimeSpan.FromDays(2);

        Given(Issued(at: old.AddDays(-1)), ToppedUp(Yuan(10), at: old.AddDays(-1)), Charged(Yuan(2), "charge-1", old))
            .When(Reverse(charge: "charge-1"))
            .ThenRejects(RejectionCode.ChargeNotFound);
    }
}
