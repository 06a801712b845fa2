using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Registry;

/// <summary>
/// The gateway's side of <see cref="TerminalBinding"/> for a tap: a registered terminal's charge that it may not make is
/// refused with a named problem before the card is asked (nothing charged); a tap of a terminal that is not active is
/// also recorded in its city's registry (<c>registry_terminal_tap_refused.v1</c>, one per terminal and sequence number),
/// which the terminal's view counts and the registry's history lists. docs/decisions/0091.
/// </summary>
public static class TerminalTaps
{
    /// <summary>Null when the caller may make this charge (a city-wide key is not checked); else the problem to answer.</summary>
    public static async Task<IResult?> CheckAsync(HttpContext http, string card, string? terminalId, string? merchantId, Category category, long sequence)
    {
        if (http.Caller().Terminal is not { } terminal || TerminalBinding.Check(terminal, terminalId, merchantId, category) is not { } refusal)
        {
            return null;
        }

        if (refusal.Code == TerminalBinding.TerminalNotActive)
        {
            await RecordAsync(http, terminal, card, sequence, refusal);
        }

        return Problems.Of(refusal.Status, refusal.Code, refusal.Detail);
    }

    /// <summary>Records a refused tap of a terminal that is not active: idempotent by terminal and sequence number.</summary>
    public static async Task RecordAsync(HttpContext http, TerminalCredential terminal, string card, long sequence, TerminalRefusal refusal)
    {
        var registry = http.RequestServices.GetRequiredService<RegistryClient>();
        var request = new RecordRefusedTapRequest(
            $"refused:{terminal.TerminalId}:{Math.Max(0, sequence)}", http.Caller().KeyId, terminal.TerminalId, card, Math.Max(0, sequence), refusal.Detail);
        var recorded = await registry.ExecuteAsync(terminal.City, request);
        if (!recorded.IsAccepted)
        {
            http.RequestServices.GetRequiredService<ILogger<TerminalKeyVerifier>>().LogWarning(
                "Terminal {Terminal}'s refused tap {Sequence} was not recorded: {Code}", terminal.TerminalId, sequence, recorded.Rejection);
        }
    }
}
