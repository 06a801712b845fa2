using System.Text.Json.Serialization;
using CityCard.Contracts;
using CityCard.Domain.Fares;

namespace CityCard.Domain.Cards;

/// <summary>
/// Everything a card needs to decide its next operation, and nothing more. It is only ever built by folding the
/// card's events (<see cref="CardEvolver"/>); it is never stored as the truth, only cached as a snapshot.
/// </summary>
public sealed record CardState
{
    public required CardNumber Card { get; init; }

    public CardStatus Status { get; init; }

    public ProductCode? Product { get; init; }

    /// <summary>When the card came into being: its issue, or its claim as a replacement. No tap is older.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    public Money Balance { get; init; }

    public Money Deposit { get; init; }

    public BlockReason? BlockedFor { get; init; }

    /// <summary>For a replaced card: where its money went, kept so a retried replacement can finish the transfer.</summary>
    public ReplacementTransfer? OutgoingReplacement { get; init; }

    public CardNumber? ReplacementOf { get; init; }

    /// <summary>For a replacement card whose money arrived: from where, how much, under which operation.</summary>
    public ReplacementTransfer? IncomingReplacement { get; init; }

    /// <summary>For a replacement card awaiting its money: the replacement's operation id.</summary>
    public string? PendingReplacement { get; init; }

    /// <summary>The number of events folded so far: the stream version this state reflects.</summary>
    public long Version { get; init; }

    public RecentOperations Operations { get; init; } = RecentOperations.Empty;

    public ChargeBook Charges { get; init; } = ChargeBook.Empty;

    /// <summary>The rides of the last weeks that the next fares depend on (caps, transfers, free rides per month).</summary>
    public RideMemory Rides { get; init; } = RideMemory.Empty;

    /// <summary>The passes the card holds, their covered uses and their apportionments (decisions 0060, 0061).</summary>
    public CardPasses Passes { get; init; } = CardPasses.Empty;

    /// <summary>
    /// The hash of the last event folded (<see cref="Integrity.EventChain"/>), so the next append links to it without
    /// reading the stream; empty before the first event.
    /// </summary>
    public string ChainHead { get => chainHead.ToString(); init => chainHead = PackedHex256.From(value); }

    // Held as 32 bytes rather than a 64-digit string, in every active card (issue 9, memory per card).
    private readonly PackedHex256 chainHead = PackedHex256.From(Integrity.EventChain.Genesis);

    [JsonIgnore]
    public City Issuer => Card.Issuer;

    [JsonIgnore]
    public CardNumber? ReplacedBy => OutgoingReplacement?.NewCard;

    [JsonIgnore]
    public bool IsIssued => Status != CardStatus.NotIssued;

    public static CardState Initial(CardNumber card) => new() { Card = card };

    public CardView ToView() =>
        new(Card, Issuer, Product, Status, Balance, Deposit, BlockedFor, ReplacedBy, ReplacementOf, Version,
            Passes.Book.Passes.Count == 0 ? null : Passes.Book.Passes.Select(PassViews.Of).ToList());
}

/// <summary>What a replaced card gave up, and to which card; <see cref="Passes"/>: the passes it carries (none when null).</summary>
public sealed record ReplacementTransfer(string OperationId, CardNumber NewCard, Money Balance, Money Deposit, CarriedPasses? Passes = null);

/// <summary>The passes a replacement card takes over, with their covered uses so far and the slices already apportioned.</summary>
public sealed record CarriedPasses(IReadOnlyList<Passes.HeldPass> Passes, IReadOnlyList<Passes.PassUse> Uses, IReadOnlyList<Passes.SliceApportionment> Apportioned);
