using CityCard.Http;
using CityCard.Contracts;
using CityCard.Gateway.Cards;

namespace CityCard.Gateway.Terminals;

/// <summary>
/// Charges a batch's valid records. Records of one card run one after another in upload order (a card is one grain,
/// and its balance depends on the order); different cards run in parallel, at most N at a time. A record whose
/// operation id the card already recorded comes back as a replay and is reported as a duplicate: never charged twice.
/// </summary>
public sealed class TapBatchProcessor(IClusterClient cluster, GatewaySettings settings, Registry.TerminalSequences sequences)
{
    public async Task<TapBatchResponse> ProcessAsync(TapBatch batch, CancellationToken cancellationToken)
    {
        var results = new TapRecordResult[batch.Records.Count];
        foreach (var invalid in batch.Records.Where(r => !r.IsValid))
        {
            results[invalid.Number - 1] = new TapRecordResult(invalid.Number, invalid.Line, invalid.CardText, null, TapOutcome.Invalid, invalid.InvalidCode, invalid.Detail, null, null);
        }

        var byCard = batch.Records.Where(r => r.IsValid).GroupBy(r => r.Card!.Value).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxParallelCharges, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byCard, parallel, async (records, _) =>
        {
            foreach (var record in records)
            {
                var outcome = await cluster.Card(records.Key).Charge(record.Request!);
                results[record.Number - 1] = ToResult(record, outcome);
            }
        });

        // Every record that reached its card used its terminal's number: the daily terminal report reads them.
        await sequences.RecordAsync(batch.Records.Where(r => r.IsValid).Select(r => (r.Card!.Value.Value, r.Request!)));

        return new TapBatchResponse(
            results.Length,
            results.Count(r => r.Outcome == TapOutcome.Accepted),
            results.Count(r => r.Outcome == TapOutcome.Refused),
            results.Count(r => r.Outcome == TapOutcome.Duplicate),
            results.Count(r => r.Outcome == TapOutcome.Rejected),
            results.Count(r => r.Outcome == TapOutcome.Invalid),
            results);
    }

    private static TapRecordResult ToResult(TapRecord record, CardOperationResult r)
    {
        var (outcome, first) = (r.Status, r.IsReplay) switch
        {
            (OperationStatus.Rejected, _) => (TapOutcome.Rejected, (OperationStatus?)null),
            (_, true) => (TapOutcome.Duplicate, r.Status),
            (OperationStatus.Refused, false) => (TapOutcome.Refused, null),
            _ => (TapOutcome.Accepted, null),
        };
        var balance = r.Status == OperationStatus.Rejected ? (long?)null : r.Balance.Fen;
        if (outcome == TapOutcome.Rejected && r.Rejection is { } rejection)
        {
            // Only terminals upload batches, and they may not read cards: no state, no enumeration (CardVisibility).
            var (code, _, detail) = CardVisibility.ForNonReader(rejection);
            return new TapRecordResult(record.Number, record.Line, record.CardText, r.OperationId, outcome, code, detail, first, balance, r.Charged?.Fen);
        }

        return new TapRecordResult(record.Number, record.Line, record.CardText, r.OperationId, outcome, r.Rejection?.ToString(), null, first, balance, r.Charged?.Fen);
    }
}
