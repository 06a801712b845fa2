using System.CommandLine;

namespace CityCard.Cli.Load;

/// <summary>load: a simulated day of the region against the four gateways, with progress bars and a summary.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var cards = new Option<int>("--cards-per-city") { Description = "Cards each city issues (1 to 5000)", DefaultValueFactory = _ => 50 };
        var taps = new Option<int>("--taps") { Description = "Taps across the region (1 to 200000)", DefaultValueFactory = _ => 2_000 };
        var seed = new Option<int?>("--seed") { Description = "Replays a day exactly (default: a new one, printed)" };
        var parallel = new Option<int>("--parallel") { Description = "Requests in flight at once (1 to 64)", DefaultValueFactory = _ => 8 };
        var online = new Option<int>("--online-percent") { Description = "Share of taps sent online rather than in offline batches", DefaultValueFactory = _ => 10 };
        var again = new Option<int>("--reupload-percent") { Description = "Share of batches uploaded twice, as a flaky terminal would", DefaultValueFactory = _ => 5 };
        var command = new Command("load", "Simulate a region's day against the four gateways: issue, top up, lost cards, taps online and in offline batches") { cards, taps, seed, parallel, online, again, Seeds.SeedCommand.Seeds };
        command.SetAction(async (parse, ct) =>
        {
            var (c, t, p, o, r) = (parse.GetValue(cards), parse.GetValue(taps), parse.GetValue(parallel), parse.GetValue(online), parse.GetValue(again));
            if (c is < 1 or > 5_000 || t is < 1 or > 200_000 || p is < 1 or > 64 || o is < 0 or > 100 || r is < 0 or > 100)
            {
                Console.Error.WriteLine("Out of range: --cards-per-city 1-5000, --taps 1-200000, --parallel 1-64, percentages 0-100.");
                return 2;
            }

            var daySeed = parse.GetValue(seed) ?? Random.Shared.Next();
            Console.Error.WriteLine($"load: seed {daySeed} (replay with --seed {daySeed})");
            var plan = LoadPlan.Create(daySeed, c, t, o, DateTimeOffset.UtcNow);
            using var gateways = CliOptions.Directory(parse);

            // The operators and terminals the day charges as are registered first (again harmlessly): their revenue is
            // then paid to their accounts, not held in suspense, and the terminal report knows them.
            Console.Error.WriteLine("load: registering the seed files' operators and terminals");
            await new Seeds.SeedRegistration(gateways, Console.Error).RegisterAsync(parse.GetValue(Seeds.SeedCommand.Seeds)!, keys: false, ct);
            return await new LoadRunner(gateways, p, r).RunAsync(plan, ct);
        });
        return command;
    }
}
