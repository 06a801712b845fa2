using System.Diagnostics;

namespace CityCard.Benchmarks;

/// <summary>Repeats an action after a warm-up and keeps the median, which a noisy neighbour disturbs least.</summary>
public static class Measure
{
    public static async Task<TimeSpan> MedianAsync(int repetitions, Func<Task> action)
    {
        await action();
        var samples = new List<TimeSpan>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }
}
