using System.CommandLine;
using System.Globalization;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli;

/// <summary>
/// issue, top-up, tap, block, card and history: one card at a time, through the gateway of the city that does it
/// (the issuer for issuing, blocking and looking up; the loading or acquiring city for top-ups and taps).
/// </summary>
internal static class CardCommands
{
    private static readonly Argument<string> CardArgument = new("card") { Description = "The card number, e.g. ZG0000001230 (spaces and dashes allowed)" };
    private static readonly Argument<long> FenArgument = new("fen") { Description = "The amount in fen (100 fen = 1 yuan)" };
    private static readonly Option<string?> KeyOption = new("--key") { Description = "The Idempotency-Key (default: a new one; reuse it to retry safely)" };
    private static readonly Option<string?> CityOption = new("--city") { Description = "The city whose gateway does it (default: the card's issuer)" };
    private static readonly Option<string?> AsOfOption = new("--as-of") { Description = "A moment, ISO 8601 with offset, e.g. 2026-11-26T08:00:00+08:00" };

    public static IEnumerable<Command> All()
    {
        yield return Issue();
        yield return TopUp();
        yield return Tap();
        yield return Block();
        yield return View();
        yield return History();
    }

    private static Command Issue()
    {
        var product = new Option<string>("--product") { Description = "The product (standard, student, senior…)", DefaultValueFactory = _ => "standard" };
        var deposit = new Option<long>("--deposit") { Description = "The deposit in fen", DefaultValueFactory = _ => 2_000 };
        var command = new Command("issue", "Issue (sell) a card at its city's service desk") { CardArgument, product, deposit, KeyOption };
        command.SetAction((parse, ct) => OnCard(parse, GatewayDirectory.ServiceDesk, issuerOnly: true, (client, card) =>
            client.IssueAsync(card, new IssueCardBody { Product = parse.GetValue(product)!, Deposit = parse.GetValue(deposit) }, Key(parse, "issue"), ct)));
        return command;
    }

    private static Command TopUp()
    {
        var channel = new Option<TopUpChannel?>("--channel") { Description = "Leave it out: the key's role sets the channel (a service desk's key: ServiceDesk); naming another is refused" };
        var command = new Command("top-up", "Load money onto a card, at any city's service desk") { CardArgument, FenArgument, CityOption, channel, KeyOption };
        command.SetAction((parse, ct) => OnCard(parse, GatewayDirectory.ServiceDesk, issuerOnly: false, (client, card) =>
            client.TopUpAsync(card, new TopUpBody { Amount = parse.GetValue(FenArgument), Channel = parse.GetValue(channel) }, Key(parse, "topup"), ct)));
        return command;
    }

    private static Command Tap()
    {
        var category = new Option<Category>("--category") { Description = "Bus, Coach, Rail, Bike (rides, priced by the city's policy) or Retail, Hotel, Parking… (purchases)", DefaultValueFactory = _ => Category.Bus };
        var amount = new Option<long?>("--amount") { Description = "A purchase's amount in fen (rides have none)" };
        var route = new Option<string?>("--route") { Description = "A bus's (or coach service's) route, e.g. LZ-3" };
        var from = new Option<string?>("--from") { Description = "A coach's or rail ride's first station, e.g. YB-CS" };
        var to = new Option<string?>("--to") { Description = "A coach's or rail ride's last station" };
        var ended = new Option<string?>("--ended-at") { Description = "When the ride ended (a bike's return, a rail exit), ISO 8601 with offset" };
        var merchant = new Option<string>("--merchant") { Description = "The operator or merchant id", DefaultValueFactory = _ => "CLI-MERCHANT" };
        var terminal = new Option<string>("--terminal") { Description = "The terminal id", DefaultValueFactory = _ => "CLI-T1" };
        var sequence = new Option<long?>("--sequence") { Description = "The terminal's sequence number (default: from the clock)" };
        var at = new Option<string?>("--at") { Description = "The tap time, ISO 8601 with offset (default: now)" };
        var command = new Command("tap", "Charge a ride or a purchase at a terminal of a city (the acquirer)")
        {
            CardArgument, CityOption, category, amount, route, from, to, ended, merchant, terminal, sequence, at, KeyOption,
        };
        command.SetAction((parse, ct) =>
        {
            if (!TryMoment(parse.GetValue(at), out var tappedAt) || !TryMoment(parse.GetValue(ended), out var endedAt))
            {
                return Task.FromResult(Usage("--at and --ended-at are ISO 8601 times with an offset."));
            }

            var seq = parse.GetValue(sequence) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var mode = parse.GetValue(category);
            var body = new ChargeBody
            {
                Amount = parse.GetValue(amount),
                Ride = mode.IsTransit()
                    ? new RideBody { Route = parse.GetValue(route), FromStation = parse.GetValue(from), ToStation = parse.GetValue(to), EndedAt = endedAt }
                    : null,
                MerchantId = parse.GetValue(merchant)!,
                Category = mode,
                TerminalId = parse.GetValue(terminal)!,
                TerminalSequence = seq,
                TappedAt = tappedAt ?? DateTimeOffset.UtcNow,
            };

            // The same id an offline upload of this tap would get, so the two can never both charge.
            var key = parse.GetValue(KeyOption) ?? string.Create(CultureInfo.InvariantCulture, $"tap:{body.TerminalId}:{seq}");
            return OnCard(parse, GatewayDirectory.Terminal, issuerOnly: false, (client, card) => client.ChargeAsync(card, body, key, ct));
        });
        return command;
    }

    private static Command Block()
    {
        var reason = new Option<BlockReason>("--reason") { Description = "Lost, Stolen or Fraud", DefaultValueFactory = _ => BlockReason.Lost };
        var command = new Command("block", "Block a card at its issuer's service desk (it joins the hotlist)") { CardArgument, reason, KeyOption };
        command.SetAction((parse, ct) => OnCard(parse, GatewayDirectory.ServiceDesk, issuerOnly: true, (client, card) =>
            client.BlockAsync(card, new BlockCardBody { Reason = parse.GetValue(reason) }, Key(parse, "block"), ct)));
        return command;
    }

    private static Command View()
    {
        var command = new Command("card", "A card's state, now or as it stood at --as-of") { CardArgument, AsOfOption };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryCard(parse, out var card) || !TryMoment(parse.GetValue(AsOfOption), out var asOf))
            {
                return Usage("Give a valid card number, and --as-of as ISO 8601 with an offset.");
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(card.Issuer, GatewayDirectory.Operations).GetCardAsync(card.Value, asOf, ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), v => TablePrinter.Print(
                Console.Out,
                ["card", "issuer", "product", "status", "balance", "deposit", "blocked for", "replaced by", "events"],
                [[v.Card.Value, v.Issuer.ToString(), v.Product?.Value ?? "", v.Status.ToString(), v.Balance.ToString(), v.Deposit.ToString(),
                  v.BlockedFor?.ToString() ?? "", v.ReplacedBy?.Value ?? "", Output.Number(v.Version)]]));
        });
        return command;
    }

    private static Command History()
    {
        var limit = new Option<int?>("--limit") { Description = "Only the newest N events (at most 1000)" };
        var version = new Option<long?>("--as-of-version") { Description = "Replay up to this version of the card's stream" };
        var command = new Command("history", "A card's events replayed up to --as-of and/or --as-of-version (default: now), with its hash chain verified") { CardArgument, AsOfOption, version, limit };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryCard(parse, out var card) || !TryMoment(parse.GetValue(AsOfOption), out var asOf))
            {
                return Usage("Give a valid card number, and --as-of as ISO 8601 with an offset.");
            }

            using var gateways = CliOptions.Directory(parse);
            var result = await gateways.For(card.Issuer, GatewayDirectory.Operations).ReplayAsync(card.Value, asOf, parse.GetValue(version), parse.GetValue(limit), ct);
            return Output.Print(result, parse.GetValue(CliOptions.Json), HistoryTable.Print);
        });
        return command;
    }

    private static async Task<int> OnCard(ParseResult parse, string role, bool issuerOnly, Func<GatewayClient, string, Task<GatewayResult<CardOperationResponse>>> call)
    {
        if (!TryCard(parse, out var card))
        {
            return Usage($"'{parse.GetValue(CardArgument)}' is not a card number (two city letters, nine digits, a check digit).");
        }

        var city = card.Issuer;
        if (!issuerOnly && parse.GetValue(CityOption) is { } text && !Cities.TryParse(text, out city))
        {
            return Usage($"--city '{text}' is not one of {string.Join(", ", Cities.All)}.");
        }

        using var gateways = CliOptions.Directory(parse);
        var result = await call(gateways.For(city, role), card.Value);
        return Output.Print(result, parse.GetValue(CliOptions.Json), r => Output.Operation(r, card.Value));
    }

    private static bool TryCard(ParseResult parse, out CardNumber card) => CardNumber.TryParse(parse.GetValue(CardArgument), out card);

    /// <summary>A moment as the gateways read it (<see cref="WireTime"/>): a time without an offset is refused, never read in this
    /// machine's zone. Absent: null, and true.</summary>
    internal static bool TryMoment(string? text, out DateTimeOffset? moment)
    {
        moment = null;
        if (text is null)
        {
            return true;
        }

        if (!WireTime.TryParse(text, out var parsed, out _))
        {
            return false;
        }

        moment = parsed;
        return true;
    }

    private static string Key(ParseResult parse, string what) =>
        parse.GetValue(KeyOption) ?? $"cli-{what}-{Guid.NewGuid():N}";

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
