using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Fares;
using CityCard.Domain.Passes;
using CityCard.Domain.Policies;
using CityCard.Grains.Simulation;
using Orleans.Concurrency;

namespace CityCard.Grains.Policies;

/// <summary>
/// Fare policy simulation (decision 0062), thin: validates the draft as the silo validates its files
/// (<see cref="PolicyDraft.Load"/>), reads the rides the city charged in the period and their cards' events
/// (<see cref="RideHistoryReader"/>, a page of cards at a time), and hands them to the pure <see cref="FareSimulation"/>.
/// Writes nothing. One activation per silo at a time: a simulation reads a period's rides, and two at once on a silo
/// would only compete for the same database.
/// </summary>
[StatelessWorker(1)]
public sealed class PolicySimulationGrain(PolicyFiles files, RideHistoryReader rides) : Grain, IPolicySimulationGrain
{
    public async Task<PolicySimulationResult> Simulate(City city, string draft, DateOnly from, DateOnly to)
    {
        if (FareSimulation.CheckPeriod(from, to) is { } period)
        {
            return Refused(period);
        }

        var (loaded, errors) = PolicyDraft.Load(files.Sources, city, draft);
        if (loaded is null)
        {
            return PolicySimulationResult.Refused(
                PolicySimulationResult.InvalidPolicyDraft,
                $"The draft would not pass the silo's policy validation: {errors.Count} error(s).",
                [.. errors.Select(e => new PolicyDraftError(e.File, e.Path, e.Code.ToString(), e.Message))]);
        }

        // Rides tapped in the period; each card's events up to the period's end and the last late tap of it.
        var start = PassPeriods.Midnight(from);
        var end = PassPeriods.Midnight(to.AddDays(1));
        var cards = new List<SimulatedCard>();
        await foreach (var page in rides.ReadAsync(city, start, end, end + CardLimits.MaxTapAge))
        {
            cards.AddRange(page.Select(card => SimulatedCard.FromStream(card.Card, card.Events, start)));
        }

        return FareSimulation.Run(loaded, from, to, cards) switch
        {
            SimulationOutcome.Reported reported => PolicySimulationResult.Reported(reported.Report),
            SimulationOutcome.Refused refused => Refused(refused),
            _ => throw new InvalidOperationException("A simulation either reports or refuses."),
        };
    }

    private static PolicySimulationResult Refused(SimulationOutcome.Refused refused) => PolicySimulationResult.Refused(
        refused.Code == SimulationRefusal.PeriodTooLong ? PolicySimulationResult.PeriodTooLong : PolicySimulationResult.PeriodBackwards,
        refused.Detail);
}
