using System.CommandLine;
using System.Globalization;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Http;

namespace CityCard.Cli;

/// <summary>
/// operator register|change|suspend|reinstate|show|list and terminal register|rotate-key|suspend|reinstate|retire|show|list:
/// a city's registry through its gateway, with its operations key. A terminal's key is printed once, when it is made
/// (register, rotate-key); the registry keeps only its hash. docs/decisions/0090.
/// </summary>
internal static class RegistryCommands
{
    private static readonly Option<string> CityOption = new("--city") { Description = "The city whose registry (ZG, LZ, NJ, YB)", Required = true };
    private static readonly Option<string?> KeyOption = new("--key") { Description = "The Idempotency-Key (default: a new one; reuse it to retry safely)" };
    private static readonly Option<string> ReasonOption = new("--reason") { Description = "Why", Required = true };

    public static Command Operators()
    {
        var command = new Command("operator", "A city's operators: register one, change it, suspend or reinstate it, show or list them");
        command.Subcommands.Add(OperatorWrite("register", "Register an operator: its categories and settlement account", register: true));
        command.Subcommands.Add(OperatorWrite("change", "Change an operator's name, categories or settlement account", register: false));
        command.Subcommands.Add(OperatorStatus("suspend", "Suspend an operator: its revenue is held in suspense"));
        command.Subcommands.Add(OperatorStatus("reinstate", "Make a suspended operator active again"));
        var id = new Argument<string>("operator") { Description = "The operator's id" };
        var show = new Command("show", "One operator (its account masked but to the clearing role)") { id, CityOption };
        show.SetAction((parse, ct) => Run(parse, (c, _) => c.GetOperatorAsync(parse.GetValue(id)!, ct), PrintOperator));
        command.Subcommands.Add(show);
        var list = new Command("list", "The city's operators") { CityOption };
        list.SetAction((parse, ct) => Run(parse, (c, _) => c.ListOperatorsAsync(ct), l => TablePrinter.Print(
            Console.Out,
            ["operator", "name", "categories", "bank", "account", "status"],
            l.Operators.Select(o => (IReadOnlyList<string>)[o.OperatorId, o.Name, string.Join(",", o.Categories), o.Account.Bank, o.Account.AccountNumber, o.Status.ToString()]))));
        command.Subcommands.Add(list);
        return command;
    }

    public static Command Terminals()
    {
        var command = new Command("terminal", "A city's terminals: register one (its key is printed once), rotate its key, suspend, reinstate or retire it, show or list them");
        var terminalId = new Option<string>("--terminal") { Description = "The terminal's id", Required = true };
        var operatorId = new Option<string>("--operator") { Description = "The operator it belongs to", Required = true };
        var register = new Command("register", "Register a terminal of one of the city's operators; prints its key, once") { terminalId, operatorId, CityOption, KeyOption };
        register.SetAction((parse, ct) => Run(parse, (c, key) => c.RegisterTerminalAsync(
            new RegisterTerminalBody { TerminalId = parse.GetValue(terminalId)!, OperatorId = parse.GetValue(operatorId)! }, key, ct), PrintKey));
        command.Subcommands.Add(register);

        var id = new Argument<string>("terminal") { Description = "The terminal's id" };
        var rotate = new Command("rotate-key", "Give a terminal a new key, printed once: the old one stops working") { id, CityOption, KeyOption };
        rotate.SetAction((parse, ct) => Run(parse, (c, key) => c.RotateTerminalKeyAsync(parse.GetValue(id)!, key, ct), PrintKey));
        command.Subcommands.Add(rotate);
        foreach (var (action, description) in new[]
        {
            ("suspend", "Suspend a terminal: its taps are refused and recorded"),
            ("reinstate", "Make a suspended terminal active again"),
            ("retire", "Retire a terminal for good"),
        })
        {
            var status = new Command(action, description) { id, CityOption, ReasonOption, KeyOption };
            status.SetAction((parse, ct) => Run(parse, (c, key) => c.SetTerminalStatusAsync(
                parse.GetValue(id)!, action, new RegistryStatusBody { Reason = parse.GetValue(ReasonOption)! }, key, ct), PrintTerminal));
            command.Subcommands.Add(status);
        }

        var day = new Option<string?>("--day") { Description = "The business day, yyyy-MM-dd (default: yesterday, China time)" };
        var report = new Command("report", "The daily terminal report: gaps in sequence numbers, numbers reused, silent terminals") { CityOption, day };
        report.SetAction((parse, ct) =>
        {
            var text = parse.GetValue(day);
            var date = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToChinaTime().DateTime).AddDays(-1);
            if (text is not null && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                Console.Error.WriteLine("--day is yyyy-MM-dd.");
                return Task.FromResult(2);
            }

            return Run(parse, (c, _) => c.TerminalReportAsync(date, ct), PrintReport);
        });
        command.Subcommands.Add(report);

        var show = new Command("show", "One terminal") { id, CityOption };
        show.SetAction((parse, ct) => Run(parse, (c, _) => c.GetTerminalAsync(parse.GetValue(id)!, ct), PrintTerminal));
        command.Subcommands.Add(show);
        var list = new Command("list", "The city's terminals") { CityOption };
        list.SetAction((parse, ct) => Run(parse, (c, _) => c.ListTerminalsAsync(ct), l => TablePrinter.Print(
            Console.Out,
            ["terminal", "operator", "status", "key", "key issued (CST)"],
            l.Terminals.Select(t => (IReadOnlyList<string>)[t.TerminalId, t.OperatorId, t.Status.ToString(), t.KeyFingerprint, Time(t.KeyIssuedAt)]))));
        command.Subcommands.Add(list);
        return command;
    }

    private static Command OperatorWrite(string name, string description, bool register)
    {
        var id = new Argument<string>("operator") { Description = "The operator's id, as its charges name it (merchantId)" };
        var title = new Option<string>("--name") { Description = "The operator's name", Required = true };
        var categories = new Option<Category[]>("--category") { Description = "A category it may charge (repeat the option: --category Bus --category Coach)", Required = true, AllowMultipleArgumentsPerToken = true };
        var bank = new Option<string>("--bank") { Description = "Its settlement bank", Required = true };
        var account = new Option<string>("--account") { Description = "Its account number there", Required = true };
        var command = new Command(name, description) { id, title, categories, bank, account, CityOption, KeyOption };
        command.SetAction((parse, ct) => Run(parse, (c, key) => register
            ? c.RegisterOperatorAsync(new RegisterOperatorBody
            {
                OperatorId = parse.GetValue(id)!, Name = parse.GetValue(title)!, Categories = parse.GetValue(categories)!, Bank = parse.GetValue(bank)!, AccountNumber = parse.GetValue(account)!,
            }, key, ct)
            : c.ChangeOperatorAsync(parse.GetValue(id)!, new ChangeOperatorBody
            {
                Name = parse.GetValue(title)!, Categories = parse.GetValue(categories)!, Bank = parse.GetValue(bank)!, AccountNumber = parse.GetValue(account)!,
            }, key, ct), PrintOperator));
        return command;
    }

    private static Command OperatorStatus(string action, string description)
    {
        var id = new Argument<string>("operator") { Description = "The operator's id" };
        var command = new Command(action, description) { id, CityOption, ReasonOption, KeyOption };
        command.SetAction((parse, ct) => Run(parse, (c, key) => c.SetOperatorStatusAsync(
            parse.GetValue(id)!, action, new RegistryStatusBody { Reason = parse.GetValue(ReasonOption)! }, key, ct), PrintOperator));
        return command;
    }

    private static async Task<int> Run<T>(ParseResult parse, Func<GatewayClient, string, Task<GatewayResult<T>>> call, Action<T> print)
        where T : class
    {
        if (!Cities.TryParse(parse.GetValue(CityOption), out var city))
        {
            Console.Error.WriteLine($"--city must be one of {string.Join(", ", Cities.All)}.");
            return 2;
        }

        using var gateways = CliOptions.Directory(parse);
        var result = await call(gateways.For(city, GatewayDirectory.Operations), parse.GetValue(KeyOption) ?? $"cli-registry-{Guid.NewGuid():N}"[..40]);
        return Output.Print(result, parse.GetValue(CliOptions.Json), print);
    }

    private static void PrintOperator(OperatorView o) =>
        Console.WriteLine($"{o.City} operator {o.OperatorId} ({o.Name}): {o.Status}; may charge {string.Join(", ", o.Categories)}; paid to {o.Account.Bank} {o.Account.AccountNumber}; last changed {Time(o.UpdatedAt)} by {o.UpdatedBy}");

    private static void PrintTerminal(TerminalView t) =>
        Console.WriteLine($"{t.City} terminal {t.TerminalId} of {t.OperatorId}: {t.Status}; key {t.KeyFingerprint}… issued {Time(t.KeyIssuedAt)}; last changed {Time(t.UpdatedAt)} by {t.UpdatedBy}");

    private static void PrintKey(TerminalKeyIssued issued)
    {
        PrintTerminal(issued.Terminal);
        Console.WriteLine(issued.Key is { } key
            ? $"key (shown this once; give it to the terminal as X-Api-Key): {key}"
            : "no key shown: this answered a retry, and the key was shown the first time; rotate it if it was lost");
    }

    private static void PrintReport(TerminalDayReport r)
    {
        Console.WriteLine($"{r.City} terminals on {r.Day:yyyy-MM-dd}: {r.Terminals} tapped, {r.Gaps.Count} gaps, {r.Reused.Count} numbers reused, {r.Silent.Count} silent");
        TablePrinter.Print(Console.Out, ["terminal", "missing from", "to"], r.Gaps.Select(g => (IReadOnlyList<string>)[g.TerminalId, Number(g.From), Number(g.To)]));
        TablePrinter.Print(Console.Out, ["terminal", "reused number", "contents"], r.Reused.Select(u => (IReadOnlyList<string>)[u.TerminalId, Number(u.Sequence), Number(u.Contents)]));
        if (r.Silent.Count > 0)
        {
            Console.WriteLine($"silent: {string.Join(", ", r.Silent)}");
        }
    }

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToChinaTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
