using System.Globalization;
using System.Net;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Silo.ClearingView;

/// <summary>
/// The clearing view as one server-rendered HTML page: no script, charts as inline SVG (<see cref="SvgCharts"/>), a
/// refresh every 15 seconds. Figures a test or a person might look for carry a <c>data-testid</c>.
/// </summary>
public static class ClearingViewPage
{
    public const int RefreshSeconds = 15;

    private static readonly (string Series, string Colour)[] CityColours =
        [("ZG", "#1d4ed8"), ("LZ", "#b45309"), ("NJ", "#15803d"), ("YB", "#7c3aed")];

    public static string Render(ClearingViewData data, string? viewer)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>CityCard clearing · {{data.CurrentWindow:yyyy-MM-dd}}</title>
            <meta http-equiv="refresh" content="{{RefreshSeconds}}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
            body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111827;max-width:1400px}
            header{display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap;border-bottom:1px solid #d1d5db;padding-bottom:.5rem}
            header form{margin-left:auto}
            main{display:grid;grid-template-columns:repeat(auto-fit,minmax(660px,1fr));gap:1rem 2rem}
            section{margin-top:1rem}
            h1{font-size:1.4rem;margin:0}h2{font-size:1.1rem;margin:.2rem 0 .5rem}
            table{border-collapse:collapse;font-variant-numeric:tabular-nums}td,th{padding:.2rem .6rem;border-bottom:1px solid #e5e7eb;text-align:right}
            th:first-child,td:first-child{text-align:left}.muted{color:#6b7280}
            .badge{padding:.1rem .5rem;border-radius:9px;color:#fff}.ok{background:#15803d}.warn{background:#b45309}.bad{background:#b91c1c}
            </style></head><body>
            <header><h1>CityCard clearing</h1>
            <span>current window <b data-testid="current-window">{{data.CurrentWindow:yyyy-MM-dd}}</b></span>
            <span class="muted">generated {{data.GeneratedAt:yyyy-MM-dd HH:mm:ss}} UTC{{(viewer is null ? string.Empty : " · " + Encode(viewer))}} · refreshes every {{RefreshSeconds}} s · <a href="/clearing/data">JSON</a> · <a href="/dashboard/">Orleans dashboard</a></span>
            <form method="post" action="/operator/logout"><button type="submit">Log out</button></form></header>
            <main>
            """);
        Projection(html, data.Projection);
        NetPositions(html, data);
        Flows(html, data.Flows);
        Taps(html, data.Activity);
        Refusals(html, data.Activity);
        Windows(html, data.Windows);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void Projection(StringBuilder html, ProjectionFacts p)
    {
        var (badge, words) = p.LagEvents == 0 ? ("ok", "caught up") : p.LagEvents < 10_000 ? ("warn", "behind") : ("bad", "far behind");
        html.Append(CultureInfo.InvariantCulture, $"""
            <section><h2>Projection <span class="badge {badge}" data-testid="projection-state">{words}</span></h2>
            <table><tr><th>position (checkpoint)</th><td data-testid="projection-position">{p.Position:N0}</td></tr>
            <tr><th>newest event</th><td data-testid="projection-head">{p.Head:N0}</td></tr>
            <tr><th>lag, events</th><td data-testid="projection-lag">{p.LagEvents:N0}</td></tr>
            <tr><th>outstanding gaps</th><td data-testid="projection-gaps">{p.OutstandingGaps:N0}</td></tr>
            <tr><th>cycles</th><td>{p.Cycles:N0}</td></tr>
            <tr><th>last cycle</th><td>{(p.LastCycleAt is { } at ? at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—")}</td></tr>
            <tr><th>clearing house on</th><td>{Encode(p.HostSilo)}</td></tr></table></section>
            """);
    }

    private static void NetPositions(StringBuilder html, ClearingViewData data)
    {
        html.Append("<section><h2>Net positions so far, current window</h2><p class=\"muted\">positive: the city receives; negative: it pays. Dashed: its net debit cap.</p>");
        html.Append(SvgCharts.DivergingBars("Net positions", [.. data.NetPositions.Select(n => (n.City.ToString(), n.NetFen, n.CapFen))], Yuan));
        html.Append("<table><tr><th>city</th><th>net</th><th>net debit cap</th><th>state</th></tr>");
        foreach (var n in data.NetPositions)
        {
            var state = n.CapFen is null ? "<span class=\"muted\">no cap</span>" : n.BeyondCap ? "<span class=\"badge bad\">beyond cap</span>" : "<span class=\"badge ok\">within</span>";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{n.City}</td><td data-testid=\"net-{n.City}\">{Yuan(n.NetFen)}</td><td>{(n.CapFen is { } cap ? Yuan(cap) : "—")}</td><td data-testid=\"cap-state-{n.City}\">{state}</td></tr>");
        }

        var crossings = data.NetPositions.Count(n => n.BeyondCap);
        html.Append(CultureInfo.InvariantCulture, $"</table><p>Net debit cap crossings in this window: <b data-testid=\"cap-crossings\">{crossings}</b></p></section>");
    }

    private static void Flows(StringBuilder html, IReadOnlyList<Flow> flows)
    {
        html.Append("<section><h2>Bilateral flows so far, current window</h2><p class=\"muted\">what each city owes each other city, gross of clearing fees.</p>");
        html.Append(flows.Count == 0
            ? "<p class=\"muted\">No flows between cities yet.</p>"
            : SvgCharts.Bars("Bilateral flows", [.. flows.OrderByDescending(f => f.GrossFen).Select(f => ($"{f.Payer} → {f.Payee}", f.GrossFen))], Yuan, "#b45309"));
        html.Append("<table><tr><th>payer ↓ payee →</th>");
        foreach (var payee in Cities.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{payee}</th>");
        }

        html.Append("</tr>");
        foreach (var payer in Cities.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{payer}</th>");
            foreach (var payee in Cities.All)
            {
                var gross = flows.Where(f => f.Payer == payer && f.Payee == payee).Sum(f => f.GrossFen);
                html.Append(payer == payee
                    ? "<td class=\"muted\">—</td>"
                    : string.Create(CultureInfo.InvariantCulture, $"<td data-testid=\"flow-{payer}-{payee}\">{Yuan(gross)}</td>"));
            }

            html.Append("</tr>");
        }

        html.Append("</table></section>");
    }

    private static void Taps(StringBuilder html, TapActivity activity)
    {
        var minutes = Enumerable.Range(0, activity.Minutes)
            .Select(i => Truncate(activity.Since).AddMinutes(i + 1))
            .ToList();
        var counts = activity.TapsPerMinute.ToDictionary(m => (m.Minute, m.City.ToString()), m => m.Taps);
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>Taps per minute, last {activity.Minutes} minutes</h2><p class=\"muted\">charged taps by the city of the terminal (UTC minutes){(activity.Truncated ? $"; only the newest {activity.EventsScanned:N0} card events were read, so the oldest minutes are incomplete" : string.Empty)}.</p>");
        html.Append(SvgCharts.StackedColumns("Taps per minute by city", minutes, CityColours, (m, city) => counts.GetValueOrDefault((m, city))));
        html.Append("<table><tr><th>city</th>");
        var categories = activity.TapsByCityAndCategory.Select(c => c.Category).Distinct().Order().ToList();
        foreach (var category in categories)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{category}</th>");
        }

        html.Append("<th>all</th></tr>");
        foreach (var city in Cities.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{city}</td>");
            foreach (var category in categories)
            {
                var n = activity.TapsByCityAndCategory.Where(c => c.City == city && c.Category == category).Sum(c => c.Taps);
                html.Append(CultureInfo.InvariantCulture, $"<td data-testid=\"taps-{city}-{category}\">{n:N0}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td data-testid=\"taps-{city}\">{activity.TapsByCityAndCategory.Where(c => c.City == city).Sum(c => c.Taps):N0}</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static void Refusals(StringBuilder html, TapActivity activity)
    {
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>Refused taps by code, last {activity.Minutes} minutes</h2><p class=\"muted\">taps recorded as refused (the card could not pay, was blocked, …).</p>");
        if (activity.Refusals.Count == 0)
        {
            html.Append("<p class=\"muted\" data-testid=\"refusals-none\">No refused taps.</p></section>");
            return;
        }

        html.Append(SvgCharts.Bars("Refused taps by code", [.. activity.Refusals.Select(r => (r.Code.ToString(), r.Count))], n => n.ToString("N0", CultureInfo.InvariantCulture), "#b91c1c", labelWidth: 190));
        html.Append("<table><tr><th>code</th><th>taps</th></tr>");
        foreach (var r in activity.Refusals)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{r.Code}</td><td data-testid=\"refusals-{r.Code}\">{r.Count:N0}</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static void Windows(StringBuilder html, IReadOnlyList<WindowRow> windows)
    {
        html.Append("<section><h2>Windows</h2><table><tr><th>window</th><th>state</th><th>cut-off</th><th>closed</th><th>settled</th><th>reference / reason</th></tr>");
        foreach (var w in windows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{w.Window:yyyy-MM-dd}</td><td data-testid=\"window-{w.Window:yyyy-MM-dd}\">{Encode(w.Status)}</td><td>{Time(w.CutOffAt)}</td><td>{Time(w.ClosedAt)}</td><td>{Time(w.SettledAt)}</td><td>{Encode(w.Note ?? string.Empty)}</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => new(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, TimeSpan.Zero);

    private static string Time(DateTimeOffset? t) => t is { } at ? at.ToUniversalTime().ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>"¥12.34", "-¥17.50".</summary>
    public static string Yuan(long fen) => (fen < 0 ? "-¥" : "¥") + Money.FromFen(Math.Abs(fen));

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
