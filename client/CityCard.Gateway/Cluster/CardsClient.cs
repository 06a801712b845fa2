using CityCard.Contracts;

namespace CityCard.Gateway.Cluster;

/// <summary>
/// Typed access to cards over an Orleans cluster client; the city gateways reach the cards through it. A card number is checked (city letters, check digit) before
/// any grain is touched, so a mistyped number costs no activation and changes nothing.
/// </summary>
public sealed class CardsClient(IClusterClient cluster)
{
    public Task<CardOperationResult> IssueAsync(string card, IssueCardRequest request) => OnCard(card, request, g => g.Issue(request));

    public Task<CardOperationResult> TopUpAsync(string card, TopUpRequest request) => OnCard(card, request, g => g.TopUp(request));

    public Task<CardOperationResult> ChargeAsync(string card, ChargeRequest request) => OnCard(card, request, g => g.Charge(request));

    public Task<CardOperationResult> ReverseChargeAsync(string card, ReverseChargeRequest request) =>
        OnCard(card, request, g => g.ReverseCharge(request));

    public Task<CardOperationResult> BlockAsync(string card, BlockCardRequest request) => OnCard(card, request, g => g.Block(request));

    public Task<CardOperationResult> UnblockAsync(string card, UnblockCardRequest request) => OnCard(card, request, g => g.Unblock(request));

    public Task<CardOperationResult> ReplaceAsync(string card, ReplaceCardRequest request) => OnCard(card, request, g => g.Replace(request));

    public Task<CardOperationResult> CloseAsync(string card, CloseCardRequest request) => OnCard(card, request, g => g.Close(request));

    /// <summary>The card's current state, or null when the number is malformed.</summary>
    public async Task<CardView?> GetViewAsync(string card) =>
        CardNumber.TryParse(card, out var number) ? await Grain(number).GetView() : null;

    /// <summary>The card's history as recorded up to <paramref name="asOf"/>, or null when the number is malformed.</summary>
    public async Task<CardHistory?> GetHistoryAsync(string card, DateTimeOffset? asOf = null) =>
        CardNumber.TryParse(card, out var number) ? await Grain(number).GetHistory(asOf) : null;

    /// <summary>The card replayed as of a moment and/or a version, with its stream verified; null when the number is malformed.</summary>
    public async Task<CardHistory?> ReplayAsync(string card, ReplayPoint point) =>
        CardNumber.TryParse(card, out var number) ? await Grain(number).Replay(point) : null;

    /// <summary>The card's stream checked against its hash chain; null when the number is malformed.</summary>
    public async Task<StreamVerification?> VerifyAsync(string card) =>
        CardNumber.TryParse(card, out var number) ? await Grain(number).VerifyStream() : null;

    private ICardGrain Grain(CardNumber number) => cluster.GetGrain<ICardGrain>(number.Value);

    private Task<CardOperationResult> OnCard(string card, CardRequest request, Func<ICardGrain, Task<CardOperationResult>> call) =>
        CardNumber.TryParse(card, out var number)
            ? call(Grain(number))
            : Task.FromResult(CardOperationResult.Rejected(request.OperationId, RejectionCode.MalformedCardNumber, $"'{card}' is not a card number."));
}
