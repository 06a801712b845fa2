using System.Collections.Concurrent;

namespace CityCard.Domain.Tests.Properties;

/// <summary>Guards the generator: a property over sequences that never reach a case proves nothing about it.</summary>
public sealed class The_random_sequences_reach_every_interesting_outcome
{
    [Fact]
    public void Every_outcome_the_properties_rely_on_occurs()
    {
        var seen = new ConcurrentDictionary<string, int>();

        Sequences.EveryStep(step =>
        {
            var outcome = step.Decision switch
            {
                CardDecision.Append { Events: [ChargeRefused r] } => $"refused {r.Reason}",
                CardDecision.Append a => $"appended {a.Events[0].GetType().Name}",
                CardDecision.Replay => $"replayed {step.Request.GetType().Name}",
                CardDecision.Reject r => $"rejected {r.Code}",
                _ => "other",
            };
            seen.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            if (step.After.Balance > step.Ceiling)
            {
                seen.AddOrUpdate("balance above the ceiling", 1, (_, n) => n + 1);
            }
        });

        string[] expected =
        [
            "appended CardToppedUp", "appended CardCharged", "appended ChargeReversed", "appended CardBlocked",
            "appended CardUnblocked", "appended CardReplaced", "appended CardClosed",
            "refused InsufficientBalance", "refused CardBlocked", "refused CardReplaced", "refused CardClosed", "refused TapBeforeIssue",
            "replayed TopUpRequest", "replayed ChargeRequest", "replayed ReceiveReplacementFundsRequest", "replayed IssueCardRequest",
            "rejected OperationConflict", "rejected BalanceCeilingExceeded", "rejected AmountNotPositive", "rejected AmountAboveLimit",
            "rejected ChargeNotFound", "rejected ChargeAlreadyReversed", "rejected ReversalExceedsCharge",
            "rejected CardAlreadyBlocked", "rejected CardNotBlocked", "rejected CardBlocked", "rejected CardClosed", "rejected CardReplaced",
            "balance above the ceiling",
        ];
        var missing = expected.Where(e => !seen.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, $"Never reached: {string.Join(", ", missing)}");
    }
}
