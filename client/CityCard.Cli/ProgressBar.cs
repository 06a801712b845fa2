using System.Diagnostics;
using Spectre.Console;

namespace CityCard.Cli;

/// <summary>
/// Progress on stderr (so --json output on stdout stays clean). On a terminal, a live Spectre.Console progress display
/// (bar, percentage, rate, time left) redrawn in place; in a log (CI, ./run.sh piped) a plain line every tenth of the
/// way instead, which a live display would turn into a flood of control codes.
/// </summary>
internal sealed class ProgressBar : IDisposable
{
    private const int Width = 30;
    private readonly string label;
    private readonly long total;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly object gate = new();
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ProgressTask? live;
    private readonly Task? display;
    private long done;
    private int lastTenth = -1;

    public ProgressBar(string label, long total)
    {
        this.label = label;
        this.total = total;
        if (!Console.IsErrorRedirected)
        {
            var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            display = console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new CountAndRateColumn(), new RemainingTimeColumn())
                .StartAsync(context =>
                {
                    started.SetResult(context.AddTask(label, maxValue: Math.Max(1, total)));
                    return finished.Task;
                });
            live = started.Task.GetAwaiter().GetResult();
        }
    }

    public void Advance(long by = 1)
    {
        var now = Interlocked.Add(ref done, by);
        if (live is not null)
        {
            live.Increment(by);
            return;
        }

        lock (gate)
        {
            if (total > 0 && (int)(now * 10 / total) is var tenth && tenth > lastTenth)
            {
                lastTenth = tenth;
                Console.Error.WriteLine(Line(now));
            }
        }
    }

    public void Dispose()
    {
        if (live is not null)
        {
            live.StopTask();
            finished.TrySetResult();
            display!.GetAwaiter().GetResult();
        }
    }

    private string Line(long now)
    {
        var fraction = total == 0 ? 1 : Math.Min(1, (double)now / total);
        var filled = (int)(fraction * Width);
        var rate = now / Math.Max(0.001, clock.Elapsed.TotalSeconds);
        return $"{label,-14} [{new string('#', filled)}{new string('.', Width - filled)}] {now}/{total} {rate,7:0}/s";
    }

    /// <summary>Items per second and the count so far, as the plain lines show them.</summary>
    private sealed class CountAndRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{task.Value:0}/{task.MaxValue:0} {task.Speed ?? 0,7:0}/s");
    }
}
