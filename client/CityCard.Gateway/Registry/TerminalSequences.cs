using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Gateway.Registry;

/// <summary>
/// Tells the city's terminal sequence grain the taps that reached a card (whatever the card answered: a refused or
/// conflicting tap still used its number), with a digest of each tap's content so that a number reused for another tap
/// shows in the daily terminal report. The money has moved by then: a failure here is logged, not answered, and leaves
/// a gap in the report that the terminal's retry (a replay, which is recorded again) fills. docs/decisions/0092.
/// </summary>
public sealed partial class TerminalSequences(IClusterClient cluster, GatewaySettings settings, ILogger<TerminalSequences> logger)
{
    public async Task RecordAsync(IEnumerable<(string Card, ChargeRequest Request)> taps)
    {
        var seen = taps.Where(t => !string.IsNullOrEmpty(t.Request.TerminalId) && t.Request.TerminalSequence >= 0)
            .Select(t => new TapSeen(t.Request.TerminalId, t.Request.TerminalSequence, Fingerprint(t.Card, t.Request), ChinaTime.DateOf(t.Request.TappedAt)))
            .ToList();
        if (seen.Count == 0)
        {
            return;
        }

        try
        {
            await cluster.GetGrain<ITerminalSequenceGrain>(settings.City.ToString()).Record(seen);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRecorded(logger, seen.Count, ex);
        }
    }

    /// <summary>What the tap carried: card, amount, operator, category, time and ride; not its operation id.</summary>
    public static string Fingerprint(string card, ChargeRequest r)
    {
        var text = string.Join('|', card, r.Amount.Fen.ToString(CultureInfo.InvariantCulture), r.MerchantId, r.Category, r.TappedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), r.Ride?.ToString() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} taps' sequence numbers were not recorded; the terminal report may show them missing until a retry")]
    private static partial void LogNotRecorded(ILogger logger, int count, Exception exception);
}
