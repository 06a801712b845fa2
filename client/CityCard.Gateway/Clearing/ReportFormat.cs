using Microsoft.Net.Http.Headers;

namespace CityCard.Gateway.Clearing;

/// <summary>How a settlement is answered: JSON (integer fen) or CSV (one measure per row, fen and yuan).</summary>
public enum ReportFormat
{
    Json = 1,
    Csv = 2,
}

/// <summary>
/// Picks the format of a report: <c>?format=json|csv</c> when given (a link anyone can paste), else CSV only when the
/// Accept header prefers <c>text/csv</c> to every JSON type (a browser's <c>*/*</c> gets JSON), else JSON.
/// </summary>
public static class ReportFormats
{
    public static bool TryChoose(string? format, string? accept, out ReportFormat chosen)
    {
        chosen = ReportFormat.Json;
        if (format is not null)
        {
            chosen = format switch
            {
                "json" => ReportFormat.Json,
                "csv" => ReportFormat.Csv,
                _ => default,
            };
            return chosen != default;
        }

        if (string.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList([accept], out var types))
        {
            return true;
        }

        double csv = 0, json = 0;
        foreach (var type in types)
        {
            var quality = type.Quality ?? 1;
            var name = type.MediaType.Value ?? string.Empty;
            if (name.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv, quality);
            }
            else if (name is "*/*" or "application/*" || name.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        chosen = csv > json ? ReportFormat.Csv : ReportFormat.Json;
        return true;
    }
}
