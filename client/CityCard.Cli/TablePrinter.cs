using Spectre.Console;
using Spectre.Console.Rendering;

namespace CityCard.Cli;

/// <summary>
/// Tables laid out by Spectre.Console in the plain style the CLI has always printed (headers, a rule of dashes under
/// each column, columns two spaces apart, no trailing blanks), so a terminal, a CI log and a script reading the demo
/// see the same text. Cells are text, never markup: a card holder's reason may contain '['.
/// </summary>
internal static class TablePrinter
{
    public static void Print(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(PlainBorder.Instance);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header)).PadLeft(0).PadRight(0).NoWrap());
        }

        var any = false;
        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
            any = true;
        }

        // Spectre draws the rule under the headers only above a row: an empty row (dropped below) keeps it.
        if (!any)
        {
            table.AddRow(headers.Select(_ => (IRenderable)new Text(string.Empty)));
        }

        // Headers and cells lose the blanks that pad them to their column; the rule is printed whole, as it always was.
        var lines = Render(table).Split('\n').SkipLast(1).Select((line, i) => i == 1 ? line : line.TrimEnd()).ToList();
        foreach (var line in any ? lines : lines.Take(2))
        {
            output.WriteLine(line);
        }
    }

    /// <summary>The table as plain text: no colours or ANSI codes, and wide enough never to wrap a row.</summary>
    private static string Render(Table table)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 10_000;
        console.Write(table);
        return text.ToString();
    }

    /// <summary>No frame; a dash rule under the headers; two spaces between columns.</summary>
    private sealed class PlainBorder : TableBorder
    {
        public static readonly PlainBorder Instance = new();

        public override string GetPart(TableBorderPart part) => part switch
        {
            TableBorderPart.HeaderBottom => "-",
            TableBorderPart.HeaderSeparator or TableBorderPart.HeaderBottomSeparator or TableBorderPart.CellSeparator => "  ",
            _ => string.Empty,
        };
    }
}
