using System.Diagnostics;

namespace CityCard.Cli;

/// <summary>
/// A progress bar on stderr (so --json output on stdout stays clean). On a terminal it redraws in place a few times a
/// second; in a log (CI) it prints a line every tenth of the way instead of flooding it.
/// </summary>
internal sealed class ProgressBar(string label, long total) : IDisposable
{
    private const int Width = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsErrorRedirected;
    private readonly object gate = new();
    private long done;
    private long lastDrawnTicks = -1;
    private int lastTenth = -1;

    public void Advance(long by = 1)
    {
        var now = Interlocked.Add(ref done, by);
        lock (gate)
        {
            if (interactive)
            {
                if (clock.ElapsedMilliseconds - lastDrawnTicks >= 150 || now == total)
                {
                    lastDrawnTicks = clock.ElapsedMilliseconds;
                    Console.Error.Write("\r" + Line(now));
                }
            }
            else if (total > 0 && (int)(now * 10 / total) is var tenth && tenth > lastTenth)
            {
                lastTenth = tenth;
                Console.Error.WriteLine(Line(now));
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (interactive)
            {
                Console.Error.WriteLine("\r" + Line(Interlocked.Read(ref done)));
            }
        }
    }

    private string Line(long now)
    {
        var fraction = total == 0 ? 1 : Math.Min(1, (double)now / total);
        var filled = (int)(fraction * Width);
        var rate = now / Math.Max(0.001, clock.Elapsed.TotalSeconds);
        return $"{label,-14} [{new string('#', filled)}{new string('.', Width - filled)}] {now}/{total} {rate,7:0}/s";
    }
}
