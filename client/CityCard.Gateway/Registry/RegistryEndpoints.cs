using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Cards;
using CityCard.Gateway.Http;
using CityCard.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityCard.Gateway.Registry;

/// <summary>
/// A city's registry of operators and terminals, kept by its operations role at its own gateway: register, change,
/// suspend and reinstate operators; register terminals (the answer carries the terminal's key, once), rotate their
/// keys, suspend, reinstate and retire them; list and read both, and the registry's history. Who acted is the
/// caller's key id. Settlement accounts are masked to every role but the region's clearing. docs/decisions/0090.
/// </summary>
public static class RegistryEndpoints
{
    public const int MaxHistoryPage = 1_000;

    public static void MapRegistryEndpoints(this IEndpointRouteBuilder routes)
    {
        var operators = routes.MapGroup("/v1/operators").WithTags("Registry");
        operators.MapPost("/", RegisterOperator).Requires(GatewayOperation.ManageOperators).Idempotent()
            .Accepts<RegisterOperatorBody>("application/json").Produces<OperatorView>()
            .WithSummary("Register an operator of this city: the categories it may charge and its settlement account");
        operators.MapGet("/", ListOperators).Requires(GatewayOperation.ReadRegistry)
            .Produces<OperatorList>()
            .WithSummary("The city's operators (accounts masked but to the clearing role)");
        operators.MapGet("/{operatorId}", GetOperator).Requires(GatewayOperation.ReadRegistry)
            .Produces<OperatorView>()
            .WithSummary("One operator of the city");
        operators.MapPost("/{operatorId}/change", ChangeOperator).Requires(GatewayOperation.ManageOperators).Idempotent()
            .Accepts<ChangeOperatorBody>("application/json").Produces<OperatorView>()
            .WithSummary("Change an operator's name, categories or settlement account");
        operators.MapPost("/{operatorId}/suspend", SuspendOperator).Requires(GatewayOperation.ManageOperators).Idempotent()
            .Accepts<RegistryStatusBody>("application/json").Produces<OperatorView>()
            .WithSummary("Suspend an operator: its revenue is held in suspense, it gets no new terminal");
        operators.MapPost("/{operatorId}/reinstate", ReinstateOperator).Requires(GatewayOperation.ManageOperators).Idempotent()
            .Accepts<RegistryStatusBody>("application/json").Produces<OperatorView>()
            .WithSummary("Make a suspended operator active again");

        var terminals = routes.MapGroup("/v1/terminals").WithTags("Registry");
        terminals.MapPost("/", RegisterTerminal).Requires(GatewayOperation.ManageTerminals).Idempotent()
            .Accepts<RegisterTerminalBody>("application/json").Produces<TerminalKeyIssued>()
            .WithSummary("Register a terminal of one of the city's operators; the answer carries its key, shown this once");
        terminals.MapGet("/", ListTerminals).Requires(GatewayOperation.ReadRegistry)
            .Produces<TerminalList>()
            .WithSummary("The city's terminals, with their operator, status and key fingerprint");
        terminals.MapGet("/{terminalId}", GetTerminal).Requires(GatewayOperation.ReadRegistry)
            .Produces<TerminalView>()
            .WithSummary("One terminal of the city");
        terminals.MapPost("/{terminalId}/rotate-key", RotateTerminalKey).Requires(GatewayOperation.ManageTerminals).Idempotent()
            .Produces<TerminalKeyIssued>()
            .WithSummary("Give a terminal a new key, shown this once: the old key stops working");
        terminals.MapPost("/{terminalId}/suspend", SuspendTerminal).Requires(GatewayOperation.ManageTerminals).Idempotent()
            .Accepts<RegistryStatusBody>("application/json").Produces<TerminalView>()
            .WithSummary("Suspend a terminal: its taps are refused and recorded");
        terminals.MapPost("/{terminalId}/reinstate", ReinstateTerminal).Requires(GatewayOperation.ManageTerminals).Idempotent()
            .Accepts<RegistryStatusBody>("application/json").Produces<TerminalView>()
            .WithSummary("Make a suspended terminal active again");
        terminals.MapPost("/{terminalId}/retire", RetireTerminal).Requires(GatewayOperation.ManageTerminals).Idempotent()
            .Accepts<RegistryStatusBody>("application/json").Produces<TerminalView>()
            .WithSummary("Retire a terminal for good: its taps are refused and recorded");

        routes.MapGet("/v1/terminal-reports/{window}", TerminalReport).WithTags("Registry").Requires(GatewayOperation.ReadRegistry)
            .Produces<TerminalDayReport>()
            .WithSummary("The city's daily terminal report for a business day (yyyy-MM-dd, China time): gaps in each terminal's sequence numbers, numbers reused with other content, active terminals that made no tap");

        routes.MapGet("/v1/registry/history", History).WithTags("Registry").Requires(GatewayOperation.ReadRegistry)
            .Produces<RegistryHistory>()
            .WithSummary($"The registry's changes, oldest first: who did what, when; ?after= (a version), ?limit= (1 to {MaxHistoryPage})");
    }

    private static async Task<IResult> RegisterOperator(HttpContext http, RegistryClient registry, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<RegisterOperatorBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var b = body.Value!;
        var request = new RegisterOperatorRequest(http.OperationId(), http.Caller().KeyId, b.OperatorId, b.Name, b.Categories, new SettlementAccount(b.Bank, b.AccountNumber));
        return OperatorAnswer(http, await ExecuteAsync(http, registry, gateway.City, request));
    }

    private static async Task<IResult> ChangeOperator(HttpContext http, string operatorId, RegistryClient registry, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<ChangeOperatorBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var b = body.Value!;
        var request = new ChangeOperatorRequest(http.OperationId(), http.Caller().KeyId, operatorId, b.Name, b.Categories, new SettlementAccount(b.Bank, b.AccountNumber));
        return OperatorAnswer(http, await ExecuteAsync(http, registry, gateway.City, request));
    }

    private static Task<IResult> SuspendOperator(HttpContext http, string operatorId, RegistryClient registry, GatewaySettings gateway) =>
        OperatorStatusAsync(http, operatorId, OperatorStatus.Suspended, registry, gateway);

    private static Task<IResult> ReinstateOperator(HttpContext http, string operatorId, RegistryClient registry, GatewaySettings gateway) =>
        OperatorStatusAsync(http, operatorId, OperatorStatus.Active, registry, gateway);

    private static async Task<IResult> OperatorStatusAsync(HttpContext http, string operatorId, OperatorStatus status, RegistryClient registry, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<RegistryStatusBody>(http);
        return body.Problem ?? OperatorAnswer(http, await ExecuteAsync(http, registry,
            gateway.City, new SetOperatorStatusRequest(http.OperationId(), http.Caller().KeyId, operatorId, status, body.Value!.Reason)));
    }

    private static async Task<IResult> ListOperators(HttpContext http, RegistryClient registry, GatewaySettings gateway) =>
        TypedResults.Ok(new OperatorList(gateway.City, [.. (await registry.OperatorsAsync(gateway.City)).Select(o => ForCaller(http, o))]));

    private static async Task<IResult> GetOperator(HttpContext http, string operatorId, RegistryClient registry, GatewaySettings gateway)
    {
        var found = (await registry.OperatorsAsync(gateway.City)).FirstOrDefault(o => o.OperatorId == operatorId);
        return found is null
            ? Problems.Of(404, nameof(RegistryRejection.OperatorNotFound), $"{gateway.City} has no operator {operatorId}.")
            : TypedResults.Ok(ForCaller(http, found));
    }

    private static async Task<IResult> RegisterTerminal(HttpContext http, RegistryClient registry, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<RegisterTerminalBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var b = body.Value!;
        var (key, hash) = TerminalKeys.New(b.TerminalId);
        var result = await ExecuteAsync(http, registry, gateway.City, new RegisterTerminalRequest(http.OperationId(), http.Caller().KeyId, b.TerminalId, b.OperatorId, hash));
        return KeyAnswer(http, result, key);
    }

    private static async Task<IResult> RotateTerminalKey(HttpContext http, string terminalId, RegistryClient registry, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<EmptyBody>(http, optional: true);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var (key, hash) = TerminalKeys.New(terminalId);
        var result = await ExecuteAsync(http, registry, gateway.City, new RotateTerminalKeyRequest(http.OperationId(), http.Caller().KeyId, terminalId, hash));
        return KeyAnswer(http, result, key);
    }

    private static Task<IResult> SuspendTerminal(HttpContext http, string terminalId, RegistryClient registry, GatewaySettings gateway) =>
        TerminalStatusAsync(http, terminalId, TerminalStatus.Suspended, registry, gateway);

    private static Task<IResult> ReinstateTerminal(HttpContext http, string terminalId, RegistryClient registry, GatewaySettings gateway) =>
        TerminalStatusAsync(http, terminalId, TerminalStatus.Active, registry, gateway);

    private static Task<IResult> RetireTerminal(HttpContext http, string terminalId, RegistryClient registry, GatewaySettings gateway) =>
        TerminalStatusAsync(http, terminalId, TerminalStatus.Retired, registry, gateway);

    private static async Task<IResult> TerminalStatusAsync(HttpContext http, string terminalId, TerminalStatus status, RegistryClient registry, GatewaySettings gateway)
    {
        var body = await JsonBody.ReadAsync<RegistryStatusBody>(http);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var result = await ExecuteAsync(http, registry, gateway.City, new SetTerminalStatusRequest(http.OperationId(), http.Caller().KeyId, terminalId, status, body.Value!.Reason));
        return Refusal(result) ?? Accepted(http, result, result.Terminal);
    }

    private static async Task<IResult> ListTerminals(RegistryClient registry, GatewaySettings gateway) =>
        TypedResults.Ok(new TerminalList(gateway.City, await registry.TerminalsAsync(gateway.City)));

    private static async Task<IResult> GetTerminal(string terminalId, RegistryClient registry, GatewaySettings gateway)
    {
        var found = (await registry.TerminalsAsync(gateway.City)).FirstOrDefault(t => t.TerminalId == terminalId);
        return found is null
            ? Problems.Of(404, nameof(RegistryRejection.TerminalNotFound), $"{gateway.City} has no terminal {terminalId}.")
            : TypedResults.Ok(found);
    }

    private static async Task<IResult> TerminalReport(string window, IClusterClient cluster, GatewaySettings gateway)
    {
        if (!Clearing.WindowDate.TryParse(window, out var day))
        {
            return Problems.Gateway(ProblemCodes.MalformedWindow, "The day is a business date yyyy-MM-dd (years 2000 to 2099).");
        }

        return TypedResults.Ok(await cluster.GetGrain<ITerminalSequenceGrain>(gateway.City.ToString()).Report(day));
    }

    private static async Task<IResult> History(RegistryClient registry, GatewaySettings gateway, string? after, string? limit)
    {
        if (!Query.TryParseLong(after, 0, long.MaxValue, out var from) || !Query.TryParseInt(limit, 1, MaxHistoryPage, out var size))
        {
            return Problems.Gateway(ProblemCodes.InvalidQuery, $"after is a version (0 or more); limit is 1 to {MaxHistoryPage}.");
        }

        return TypedResults.Ok(new RegistryHistory(gateway.City, await registry.HistoryAsync(gateway.City, from ?? 0, size ?? 100)));
    }

    /// <summary>
    /// Every change of the registry makes this gateway forget the terminals it knew, so that a rotated key, a suspended
    /// or retired terminal and a suspended operator take effect here at once (other gateways: <see cref="TerminalKeyVerifier.Fresh"/>).
    /// </summary>
    private static async Task<RegistryResult> ExecuteAsync(HttpContext http, RegistryClient registry, City city, RegistryRequest request)
    {
        var result = await registry.ExecuteAsync(city, request);
        http.RequestServices.GetRequiredService<TerminalKeyVerifier>().Forget();
        return result;
    }

    /// <summary>An operator as this caller may see it: the settlement account in full only to the region's clearing.</summary>
    private static OperatorView ForCaller(HttpContext http, OperatorView o) =>
        http.Caller().Role == Role.Clearing ? o : o with { Account = o.Account.Masked() };

    private static IResult OperatorAnswer(HttpContext http, RegistryResult r) =>
        Refusal(r) ?? Accepted(http, r, r.Operator is { } o ? ForCaller(http, o) : null);

    /// <summary>The key is shown only when this request made it: a replay answers the terminal without one.</summary>
    private static IResult KeyAnswer(HttpContext http, RegistryResult r, string key) =>
        Refusal(r) ?? Accepted(http, r, new TerminalKeyIssued(r.Terminal!, r.IsReplay ? null : key));

    private static Ok<T> Accepted<T>(HttpContext http, RegistryResult r, T value)
    {
        if (r.IsReplay)
        {
            http.Response.Headers[OperationResults.ReplayedHeader] = "true";
        }

        return TypedResults.Ok(value);
    }

    private static IResult? Refusal(RegistryResult r)
    {
        if (r.IsAccepted)
        {
            return null;
        }

        var code = r.Rejection ?? throw new InvalidOperationException("A refusal without a code.");
        return Problems.Of(RegistryRejectionStatus.For(code), code.ToString(), r.Detail, new Dictionary<string, object?> { ["operationId"] = r.OperationId });
    }
}
