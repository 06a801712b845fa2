using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>A fare policy simulation's report as the CLI prints it: a table per part, recorded beside simulated.</summary>
internal static class SimulationTables
{
    public static void Print(SimulationReport r) => Print(Console.Out, r);

    public static void Print(TextWriter output, SimulationReport r)
    {
        output.WriteLine($"{r.City}: {r.Tried} tried on the rides of {r.From:yyyy-MM-dd} to {r.To:yyyy-MM-dd} (recorded under {string.Join(", ", r.Recorded)})");
        output.WriteLine($"{Output.Number(r.ChangedRides)} of {Output.Number(r.Total.Rides)} rides change fare; {Output.Number(r.Reversed)} reversed rides kept their frozen fare");
        output.WriteLine();
        Revenue(output, "total", [r.Total, r.OtherCities with { Key = "(same cards, other cities)" }]);
        Revenue(output, "operator", r.ByOperator);
        Revenue(output, "mode", r.ByMode);
        Revenue(output, "product", r.ByProduct);

        var riders = r.Riders;
        TablePrinter.Print(
            output,
            ["riders", "pay more", "pay less", "pay the same", "largest increase", "largest decrease"],
            [[Output.Number(riders.Riders), Output.Number(riders.PayMore), Output.Number(riders.PayLess), Output.Number(riders.PaySame), riders.LargestIncrease.ToString(), riders.LargestDecrease.ToString()]]);
        output.WriteLine();
        TablePrinter.Print(
            output,
            ["difference over the period", "riders"],
            [.. riders.Distribution.Select(b => new[] { Bucket(b), Output.Number(b.Riders) })]);
        output.WriteLine();
        TablePrinter.Print(
            output,
            ["step", "rides recorded", "rides simulated", "amount recorded", "amount simulated"],
            [Step("cap hits", r.CapHits), Step("transfers", r.Transfers), Step("pass cover", r.PassCovered)]);
        if (r.Unpriced.Count > 0)
        {
            output.WriteLine();
            TablePrinter.Print(
                output,
                ["cannot price", "rides", "recorded", "example"],
                [.. r.Unpriced.Select(u => new[] { u.Code.ToString(), Output.Number(u.Rides), u.Recorded.ToString(), u.Example })]);
        }
    }

    private static void Revenue(TextWriter output, string by, IReadOnlyList<RevenueLine> lines)
    {
        TablePrinter.Print(
            output,
            [by, "rides", "recorded", "simulated", "difference"],
            [.. lines.Select(l => new[] { l.Key, Output.Number(l.Rides), l.Recorded.ToString(), l.Simulated.ToString(), Signed(l.Difference) })]);
        output.WriteLine();
    }

    private static string[] Step(string name, StepCount s) =>
        [name, Output.Number(s.Recorded), Output.Number(s.Simulated), s.RecordedAmount.ToString(), s.SimulatedAmount.ToString()];

    private static string Signed(Money m) => m > Money.Zero ? $"+{m}" : m.ToString();

    private static string Bucket(DifferenceBucket b) => (b.From, b.To) switch
    {
        (0, 0) => "the same",
        (null, { } to) => $"less by {Money.FromFen(-to)} or more",
        ({ } from, null) => $"more by {Money.FromFen(from)} or more",
        ({ } from, { } to) when to < 0 => $"less by {Money.FromFen(-to)} to {Money.FromFen(-from)}",
        ({ } from, { } to) => $"more by {Money.FromFen(from)} to {Money.FromFen(to)}",
        _ => "?",
    };
}
