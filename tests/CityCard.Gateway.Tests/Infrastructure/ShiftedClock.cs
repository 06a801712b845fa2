using CityCard.Integration.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// The system clock, moved forward by as much as a test asks: only "now" jumps; timers and timestamps keep running in
/// real time, so Orleans' own timers (and the clearing house's) work as in production. It never goes back. It starts
/// clear of midnight China time (<see cref="ClearOfMidnight"/>), so a test's taps and the day it closes are one day.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long shiftTicks = ClearOfMidnight.ShiftAt(TimeProvider.System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref shiftTicks));

    /// <summary>Moves now to <paramref name="at"/> if that is later; never back.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        var shift = (at - System.GetUtcNow()).Ticks;
        long current;
        while (shift > (current = Interlocked.Read(ref shiftTicks)) && Interlocked.CompareExchange(ref shiftTicks, shift, current) != current)
        {
        }
    }
}
