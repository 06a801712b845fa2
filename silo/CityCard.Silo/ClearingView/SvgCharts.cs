using System.Globalization;
using System.Net;
using System.Text;

namespace CityCard.Silo.ClearingView;

/// <summary>
/// The clearing view's charts as inline SVG, drawn on the server: no script, no library, nothing fetched, so the page
/// works offline and under a strict content security policy. Every label is HTML-encoded.
/// </summary>
public static class SvgCharts
{
    private const int Width = 640;
    private const int RowHeight = 26;
    private const int LabelWidth = 110;

    /// <summary>One bar per row from a zero line in the middle, positive right (green), negative left (red); an optional marker per row (a cap, drawn at minus its value).</summary>
    public static string DivergingBars(string title, IReadOnlyList<(string Label, long Value, long? Marker)> rows, Func<long, string> format)
    {
        var max = Math.Max(1, rows.Select(r => Math.Max(Math.Abs(r.Value), r.Marker ?? 0)).DefaultIfEmpty(1).Max());
        var half = (Width - LabelWidth - 20) / 2.0;
        var zero = LabelWidth + half;
        var svg = Open(title, rows.Count * RowHeight + 10);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value, marker) = rows[i];
            var y = 5 + (i * RowHeight);
            var length = Math.Abs(value) / (double)max * half;
            var x = value >= 0 ? zero : zero - length;
            svg.Append(Text(4, y + 17, label, "start"));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{Math.Max(length, 1):0.#}\" height=\"{RowHeight - 8}\" fill=\"{(value >= 0 ? "#15803d" : "#b91c1c")}\"><title>{Encode(label)}: {Encode(format(value))}</title></rect>");
            svg.Append(Text(value >= 0 ? zero - 4 : zero + 4, y + 17, format(value), value >= 0 ? "end" : "start"));
            if (marker is { } cap)
            {
                var mx = zero - (cap / (double)max * half);
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{mx:0.#}\" x2=\"{mx:0.#}\" y1=\"{y}\" y2=\"{y + RowHeight}\" stroke=\"#111827\" stroke-dasharray=\"3 2\"><title>net debit cap {Encode(format(-cap))}</title></line>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{zero:0.#}\" x2=\"{zero:0.#}\" y1=\"0\" y2=\"{rows.Count * RowHeight + 10}\" stroke=\"#6b7280\"/>");
        return Close(svg);
    }

    /// <summary>Horizontal bars from zero, one per row, longest first as given.</summary>
    public static string Bars(string title, IReadOnlyList<(string Label, long Value)> rows, Func<long, string> format, string colour = "#1d4ed8", int labelWidth = LabelWidth)
    {
        var max = Math.Max(1, rows.Select(r => r.Value).DefaultIfEmpty(1).Max());
        var span = Width - labelWidth - 90;
        var svg = Open(title, Math.Max(1, rows.Count) * RowHeight + 10);
        for (var i = 0; i < rows.Count; i++)
        {
            var (label, value) = rows[i];
            var y = 5 + (i * RowHeight);
            var length = Math.Max(1, value / (double)max * span);
            svg.Append(Text(4, y + 17, label, "start"));
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{length:0.#}\" height=\"{RowHeight - 8}\" fill=\"{colour}\"><title>{Encode(label)}: {Encode(format(value))}</title></rect>");
            svg.Append(Text(labelWidth + length + 6, y + 17, format(value), "start"));
        }

        return Close(svg);
    }

    /// <summary>Stacked columns, one per slot (a minute), each stacked by series (a city) in the given colours.</summary>
    public static string StackedColumns(
        string title,
        IReadOnlyList<DateTimeOffset> slots,
        IReadOnlyList<(string Series, string Colour)> series,
        Func<DateTimeOffset, string, long> value)
    {
        const int height = 180;
        const int left = 40;
        var max = Math.Max(1, slots.Select(s => series.Sum(x => value(s, x.Series))).DefaultIfEmpty(1).Max());
        var step = (Width - left - 10) / (double)Math.Max(1, slots.Count);
        var svg = Open(title, height + 40);
        svg.Append(Text(left - 4, 14, max.ToString(CultureInfo.InvariantCulture), "end"));
        svg.Append(Text(left - 4, height, "0", "end"));
        for (var i = 0; i < slots.Count; i++)
        {
            var top = height;
            foreach (var (name, colour) in series)
            {
                var v = value(slots[i], name);
                if (v <= 0)
                {
                    continue;
                }

                var h = v / (double)max * (height - 10);
                top -= (int)Math.Round(h);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + (i * step) + 1:0.#}\" y=\"{top}\" width=\"{Math.Max(1, step - 2):0.#}\" height=\"{Math.Max(1, Math.Round(h))}\" fill=\"{colour}\"><title>{slots[i]:HH:mm} {Encode(name)}: {v}</title></rect>");
            }

            if (i == 0 || i == slots.Count - 1 || i % 10 == 0)
            {
                svg.Append(Text(left + (i * step) + (step / 2), height + 16, slots[i].ToString("HH:mm", CultureInfo.InvariantCulture), "middle"));
            }
        }

        var lx = left;
        foreach (var (name, colour) in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{lx}\" y=\"{height + 24}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>");
            svg.Append(Text(lx + 14, height + 33, name, "start"));
            lx += 60;
        }

        return Close(svg);
    }

    private static StringBuilder Open(string title, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{Encode(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"system-ui,sans-serif\" font-size=\"12\"><title>{Encode(title)}</title>");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static string Text(double x, double y, string text, string anchor) =>
        string.Create(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{y:0.#}\" text-anchor=\"{anchor}\" fill=\"#111827\">{Encode(text)}</text>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
