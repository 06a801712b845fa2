using System.CommandLine;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;

namespace CityCard.Cli.Clearing;

/// <summary>
/// window status | close | confirm | abort: the clearing windows. Reading them is a city's back office's (its
/// operations key); closing, recording the settlement bank's confirmation and aborting are the region's clearing
/// operators' (the clearing key, valid at every gateway).
/// </summary>
internal static class WindowCommand
{
    private static readonly Option<string?> CityOption = new("--city") { Description = $"The gateway to go through (default {ClearingCli.DefaultCity}; the clearing house is the region's)" };
    private static readonly string UsageText = $"A window is a business date, yyyy-MM-dd; --city is one of {string.Join(", ", Cities.All)}.";

    private static readonly Option<string?> KeyOption = new("--key") { Description = "The Idempotency-Key (default: a new one; reuse it to retry safely)" };

    public static Command Create()
    {
        var command = new Command("window", "The clearing windows: their status, and the clearing operators' close, confirm and abort");
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Close());
        command.Subcommands.Add(Confirm());
        command.Subcommands.Add(Abort());
        return command;
    }

    private static Command Status()
    {
        var window = new Argument<string?>("window") { Description = "One window's business date, yyyy-MM-dd (default: the current window and every one not yet settled)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "The current window, the projection's lag, and the windows not yet settled (or one window)") { window, CityOption };
        command.SetAction(async (parse, ct) =>
        {
            if (!ClearingCli.TryCity(parse.GetValue(CityOption), out var city) || !ClearingCli.TryWindow(parse.GetValue(window), out var date))
            {
                return ClearingCli.Usage(UsageText);
            }

            using var gateways = CliOptions.Directory(parse);
            var client = gateways.For(city, GatewayDirectory.Operations);
            var json = parse.GetValue(CliOptions.Json);
            if (date is { } one)
            {
                return Output.Print(await client.GetWindowAsync(one, ct), json, w => ClearingTables.Windows(Console.Out, [w]));
            }

            var held = (await client.GetClearingStatusAsync(ct)).Value?.HeldCards ?? [];
            return Output.Print(await client.GetWindowsAsync(ct), json, list =>
            {
                Console.WriteLine($"Current window {ClearingCli.Day(list.CurrentWindow)}; projection lag {list.LagEvents} events, {list.OutstandingGaps} gaps outstanding.");
                ClearingTables.Windows(Console.Out, list.Windows);
                ClearingTables.HeldCards(Console.Out, held);
            });
        });
        return command;
    }

    private static Command Close()
    {
        var window = new Argument<string?>("window") { Description = "The business date to close, yyyy-MM-dd (default: the current window; before its cut-off that is an early close)", Arity = ArgumentArity.ZeroOrOne };
        var wait = new Option<bool>("--wait") { Description = "Wait until the window has closed (everything committed before the close is posted)" };
        var command = new Command("close", "Close a clearing window (the region's clearing key)") { window, CityOption, KeyOption, wait };
        command.SetAction(async (parse, ct) =>
        {
            if (!ClearingCli.TryCity(parse.GetValue(CityOption), out var city) || !ClearingCli.TryWindow(parse.GetValue(window), out var given))
            {
                return ClearingCli.Usage(UsageText);
            }

            using var gateways = CliOptions.Directory(parse);
            var client = gateways.For(city, GatewayDirectory.Clearing);
            var date = given ?? ClearingCli.Require(await client.GetClearingStatusAsync(ct), "status").CurrentWindow;
            var closed = await client.CloseWindowAsync(date, ClearingCli.Key(parse.GetValue(KeyOption), "close"), ct);
            if (closed.IsSuccess && parse.GetValue(wait))
            {
                var view = await WindowWait.UntilClosedAsync(client, date, TimeSpan.FromSeconds(60), ct);
                closed = closed with { Value = closed.Value! with { Window = view } };
            }

            return Output.Print(closed, parse.GetValue(CliOptions.Json), r => ClearingTables.Operation(Console.Out, r));
        });
        return command;
    }

    private static Command Confirm()
    {
        var window = new Argument<string>("window") { Description = "The closed window's business date, yyyy-MM-dd" };
        var reference = new Option<string>("--reference") { Description = "The settlement bank's reference for the payments", Required = true };
        var command = new Command("confirm", "Record the settlement bank's confirmation of a closed window (the region's clearing key)") { window, reference, CityOption, KeyOption };
        command.SetAction((parse, ct) => Send(parse, window, (client, date, key) =>
            client.ConfirmSettlementAsync(date, new ConfirmSettlementBody { BankReference = parse.GetValue(reference)! }, key, ct)));
        return command;
    }

    private static Command Abort()
    {
        var window = new Argument<string>("window") { Description = "The closed window's business date, yyyy-MM-dd" };
        var reason = new Option<string>("--reason") { Description = "Why it will not be settled (its obligations go into the next window that closes)", Required = true };
        var command = new Command("abort", "Give up settling a closed window (the region's clearing key)") { window, reason, CityOption, KeyOption };
        command.SetAction((parse, ct) => Send(parse, window, (client, date, key) =>
            client.AbortWindowAsync(date, new AbortWindowBody { Reason = parse.GetValue(reason)! }, key, ct)));
        return command;
    }

    private static async Task<int> Send(ParseResult parse, Argument<string> window, Func<GatewayClient, DateOnly, string, Task<GatewayResult<ClearingOperationResponse>>> call)
    {
        if (!ClearingCli.TryCity(parse.GetValue(CityOption), out var city) || !ClearingCli.TryWindow(parse.GetValue(window), out var date) || date is null)
        {
            return ClearingCli.Usage(UsageText);
        }

        using var gateways = CliOptions.Directory(parse);
        var result = await call(gateways.For(city, GatewayDirectory.Clearing), date.Value, ClearingCli.Key(parse.GetValue(KeyOption), parse.CommandResult.Command.Name));
        return Output.Print(result, parse.GetValue(CliOptions.Json), r => ClearingTables.Operation(Console.Out, r));
    }
}
