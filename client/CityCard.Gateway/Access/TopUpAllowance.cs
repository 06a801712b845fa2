using System.Collections.Concurrent;
using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>
/// Each key's daily top-up ceiling (fen per business day, China time), counted by this gateway process. A top-up
/// reserves its amount under its operation id before it reaches the card, and gives it back when the card recorded
/// nothing (a rejection); a retry of an operation already counted passes without counting again, so a client's retry
/// is never refused by the ceiling its first attempt used. Counted in memory, per process, on purpose: the bound
/// needs no call to the cluster or the store on the way of every top-up, and it limits what a leaked key moves
/// before it is revoked; with R replicas of a city's gateway a key moves at most R ceilings a day, and a restart
/// starts the day's count again (docs/decisions/0074).
/// </summary>
public sealed class TopUpAllowance(GatewaySettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DayCount> counts = new(StringComparer.Ordinal);

    /// <summary>
    /// Reserves <paramref name="amount"/> fen of <paramref name="caller"/>'s ceiling for today, or says how long until
    /// the next business day when the ceiling would be crossed.
    /// </summary>
    public bool TryReserve(Caller caller, string operationId, long amount, out long ceiling, out TimeSpan untilTomorrow)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        ceiling = settings.Limits.DailyTopUpCeiling(caller);
        var tomorrow = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), ChinaTime.Offset);
        untilTomorrow = tomorrow - now;
        var count = counts.AddOrUpdate(caller.KeyId, _ => new DayCount(today), (_, c) => c.Day == today ? c : new DayCount(today));
        lock (count)
        {
            if (count.Operations.ContainsKey(operationId))
            {
                return true;
            }

            if (amount < 0 || count.Fen + amount > ceiling)
            {
                return false;
            }

            count.Fen += amount;
            count.Operations[operationId] = amount;
            return true;
        }
    }

    /// <summary>Gives back the reservation of a top-up that recorded nothing (or whose call failed).</summary>
    public void Release(Caller caller, string operationId)
    {
        if (counts.TryGetValue(caller.KeyId, out var count))
        {
            lock (count)
            {
                if (count.Operations.Remove(operationId, out var amount))
                {
                    count.Fen -= amount;
                }
            }
        }
    }

    private sealed class DayCount(DateOnly day)
    {
        public DateOnly Day { get; } = day;

        public long Fen { get; set; }

        /// <summary>The operations counted today, with their amounts: a retry is not counted twice.</summary>
        public Dictionary<string, long> Operations { get; } = new(StringComparer.Ordinal);
    }
}
