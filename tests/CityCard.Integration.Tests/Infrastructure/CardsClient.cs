using CityCard.Contracts;

namespace CityCard.Integration.Tests.Infrastructure;

/// <summary>
/// The tests' and benchmarks' typed access to cards over an Orleans cluster client (the gateway calls the card's grain
/// itself: <see cref="CardGrains.Card"/>). The overloads taking text parse the number once; a mistyped number costs no
/// activation and changes nothing.
/// </summary>
public sealed class CardsClient(IClusterClient cluster)
{
    public Task<CardOperationResult> IssueAsync(CardNumber card, IssueCardRequest request) => Grain(card).Issue(request);

    public Task<CardOperationResult> TopUpAsync(CardNumber card, TopUpRequest request) => Grain(card).TopUp(request);

    public Task<CardOperationResult> ChargeAsync(CardNumber card, ChargeRequest request) => Grain(card).Charge(request);

    public Task<CardOperationResult> ReverseChargeAsync(CardNumber card, ReverseChargeRequest request) => Grain(card).ReverseCharge(request);

    public Task<CardOperationResult> BlockAsync(CardNumber card, BlockCardRequest request) => Grain(card).Block(request);

    public Task<CardOperationResult> UnblockAsync(CardNumber card, UnblockCardRequest request) => Grain(card).Unblock(request);

    public Task<CardOperationResult> ReplaceAsync(CardNumber card, ReplaceCardRequest request) => Grain(card).Replace(request);

    public Task<CardOperationResult> CloseAsync(CardNumber card, CloseCardRequest request) => Grain(card).Close(request);

    public Task<CardView> GetViewAsync(CardNumber card) => Grain(card).GetView();

    /// <summary>The card's history as recorded up to <paramref name="asOf"/>.</summary>
    public Task<CardHistory> GetHistoryAsync(CardNumber card, DateTimeOffset? asOf = null) => Grain(card).GetHistory(asOf);

    /// <summary>The card replayed as of a moment and/or a version, with its stream verified.</summary>
    public Task<CardHistory> ReplayAsync(CardNumber card, ReplayPoint point) => Grain(card).Replay(point);

    /// <summary>The card's stream checked against its hash chain.</summary>
    public Task<StreamVerification> VerifyAsync(CardNumber card) => Grain(card).VerifyStream();

    public Task<CardOperationResult> IssueAsync(string card, IssueCardRequest request) => OnCard(card, request, IssueAsync);

    public Task<CardOperationResult> TopUpAsync(string card, TopUpRequest request) => OnCard(card, request, TopUpAsync);

    public Task<CardOperationResult> ChargeAsync(string card, ChargeRequest request) => OnCard(card, request, ChargeAsync);

    public Task<CardOperationResult> ReverseChargeAsync(string card, ReverseChargeRequest request) => OnCard(card, request, ReverseChargeAsync);

    public Task<CardOperationResult> BlockAsync(string card, BlockCardRequest request) => OnCard(card, request, BlockAsync);

    public Task<CardOperationResult> UnblockAsync(string card, UnblockCardRequest request) => OnCard(card, request, UnblockAsync);

    public Task<CardOperationResult> ReplaceAsync(string card, ReplaceCardRequest request) => OnCard(card, request, ReplaceAsync);

    public Task<CardOperationResult> CloseAsync(string card, CloseCardRequest request) => OnCard(card, request, CloseAsync);

    /// <summary>The card's current state, or null when the number is malformed.</summary>
    public async Task<CardView?> GetViewAsync(string card) => CardNumber.TryParse(card, out var number) ? await GetViewAsync(number) : null;

    /// <summary>The card's history up to <paramref name="asOf"/>, or null when the number is malformed.</summary>
    public async Task<CardHistory?> GetHistoryAsync(string card, DateTimeOffset? asOf = null) =>
        CardNumber.TryParse(card, out var number) ? await GetHistoryAsync(number, asOf) : null;

    /// <summary>The card replayed, or null when the number is malformed.</summary>
    public async Task<CardHistory?> ReplayAsync(string card, ReplayPoint point) =>
        CardNumber.TryParse(card, out var number) ? await ReplayAsync(number, point) : null;

    /// <summary>The card's stream verified, or null when the number is malformed.</summary>
    public async Task<StreamVerification?> VerifyAsync(string card) =>
        CardNumber.TryParse(card, out var number) ? await VerifyAsync(number) : null;

    private ICardGrain Grain(CardNumber number) => cluster.Card(number);

    private static Task<CardOperationResult> OnCard<T>(string card, T request, Func<CardNumber, T, Task<CardOperationResult>> call)
        where T : CardRequest =>
        CardNumber.TryParse(card, out var number)
            ? call(number, request)
            : Task.FromResult(CardOperationResult.Rejected(request.OperationId, RejectionCode.MalformedCardNumber, $"'{card}' is not a card number."));
}
