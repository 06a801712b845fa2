using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Domain.Settlement;
using CityCard.Grains.Clearing;
using CityCard.Grains.Storage;
using Marten;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityCard.Silo.ClearingView;

/// <summary>
/// Reads what the clearing view shows, never writing: beside the projection's status (asked of the clearing house's
/// grain by the caller, so that this storage-side reader needs no Orleans), the windows and the current window's movements from the clearing tables (the positions and flows worked out by the
/// same <see cref="SettlementCalculator"/> that settles a window), and the recent card activity from the newest card
/// events (a bounded read backwards along the event sequence, so its cost does not grow with the log).
/// </summary>
public sealed class ClearingViewQuery(
    IClearingStore clearing,
    IDocumentStore store,
    IOptions<CardStoreOptions> storeOptions,
    IOptions<ClearingOptions> clearingOptions,
    TimeProvider clock)
{
    /// <summary>How far back the activity charts look.</summary>
    public const int ActivityMinutes = 60;

    /// <summary>The most card events one view reads for its activity charts.</summary>
    public const int MaxEventsScanned = 50_000;

    /// <summary>The windows listed, newest first.</summary>
    public const int WindowsListed = 14;

    private static readonly string Charged = CardEventTypes.Names[typeof(CardCharged)];
    private static readonly string Refused = CardEventTypes.Names[typeof(ChargeRefused)];

    private readonly string schema = storeOptions.Value.Schema;
    private readonly ClearingPolicy policy = clearingOptions.Value.ToPolicy();

    public async Task<ClearingViewData> ReadAsync(ProjectionStatus status, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (state, _) = await clearing.LoadAsync(cancellationToken);
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        var current = status.CurrentWindow;
        var preview = SettlementCalculator.Report(current, state.MovementsOf(current).ToList(), policy.Fees, now, now, 0, []);
        return new ClearingViewData(
            now,
            new ProjectionFacts(status.Position, status.Head, status.LagEvents, status.OutstandingGaps, status.Cycles, status.LastCycleAt, status.HostSilo),
            await WindowsAsync(connection, status.UnsettledWindows, cancellationToken),
            current,
            [.. preview.Positions.Select(p => Net(p.City, p.Net))],
            [.. preview.Dues.Where(d => d.Gross != Money.Zero).Select(d => new Flow(d.Payer, d.Payee, d.Gross.Fen))],
            await ActivityAsync(connection, now, cancellationToken));
    }

    private CityNet Net(City city, Money net)
    {
        var cap = policy.NetDebitCaps.TryGetValue(city, out var c) ? c : (Money?)null;
        return new CityNet(city, net.Fen, cap?.Fen, cap is { } limit && net < -limit);
    }

    private async Task<List<WindowRow>> WindowsAsync(NpgsqlConnection connection, IReadOnlyList<WindowView> unsettled, CancellationToken cancellationToken)
    {
        var detail = unsettled.ToDictionary(w => w.Window);
        var rows = new List<WindowRow>();
        await using var command = new NpgsqlCommand(
            $"select window_date, status from {schema}.{ClearingSchema.Windows} order by window_date desc limit {WindowsListed}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var date = DateOnly.FromDateTime(reader.GetDateTime(0));
            var known = detail.GetValueOrDefault(date);
            rows.Add(new WindowRow(date, reader.GetString(1), known?.CutOffAt, known?.ClosedAt, known?.SettledAt, known?.AbortReason ?? known?.BankReference));
        }

        // The current window has no row until something is posted to it or it is closed.
        foreach (var open in unsettled.Where(w => rows.All(r => r.Window != w.Window)))
        {
            rows.Add(new WindowRow(open.Window, open.Status.ToString(), open.CutOffAt, open.ClosedAt, open.SettledAt, open.AbortReason ?? open.BankReference));
        }

        return [.. rows.OrderByDescending(r => r.Window)];
    }

    private async Task<TapActivity> ActivityAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = now.AddMinutes(-ActivityMinutes);
        var recent = $"(select timestamp, type, data from {schema}.mt_events order by seq_id desc limit {MaxEventsScanned}) e";

        await using var span = new NpgsqlCommand($"select count(*)::int, min(timestamp) from {recent}", connection);
        int scanned;
        DateTimeOffset? oldest;
        await using (var reader = await span.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            scanned = reader.GetInt32(0);
            oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        }

        var perMinute = new List<MinuteTaps>();
        var byCategory = new Dictionary<(City, Category), long>();
        var refusals = new Dictionary<RejectionCode, long>();
        await using var command = new NpgsqlCommand(
            $"select date_trunc('minute', e.timestamp), e.type, e.data -> 'Tap' ->> 'AcquirerCity', e.data -> 'Tap' ->> 'Category', e.data ->> 'Reason', count(*) " +
            $"from {recent} where e.timestamp >= $1 and e.type in ('{Charged}', '{Refused}') group by 1, 2, 3, 4, 5 order by 1",
            connection)
        {
            Parameters = { new() { Value = since } },
        };
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var minute = reader.GetFieldValue<DateTimeOffset>(0);
                var count = reader.GetInt64(5);
                if (reader.GetString(1) == Refused)
                {
                    if (Enum.TryParse<RejectionCode>(reader.IsDBNull(4) ? null : reader.GetString(4), out var code))
                    {
                        refusals[code] = refusals.GetValueOrDefault(code) + count;
                    }
                }
                else if (Cities.TryParse(reader.IsDBNull(2) ? null : reader.GetString(2), out var city)
                    && Enum.TryParse<Category>(reader.IsDBNull(3) ? null : reader.GetString(3), out var category))
                {
                    perMinute.Add(new MinuteTaps(minute, city, count));
                    byCategory[(city, category)] = byCategory.GetValueOrDefault((city, category)) + count;
                }
            }
        }

        return new TapActivity(
            ActivityMinutes,
            since,
            scanned,
            scanned == MaxEventsScanned && oldest > since,
            [.. perMinute.GroupBy(m => (m.Minute, m.City)).Select(g => new MinuteTaps(g.Key.Minute, g.Key.City, g.Sum(m => m.Taps))).OrderBy(m => m.Minute).ThenBy(m => m.City)],
            [.. byCategory.Select(c => new CategoryTaps(c.Key.Item1, c.Key.Item2, c.Value)).OrderBy(c => c.City).ThenBy(c => c.Category)],
            [.. refusals.Select(r => new RefusalCount(r.Key, r.Value)).OrderByDescending(r => r.Count).ThenBy(r => r.Code)]);
    }
}
