using System.Text.Json;
using CityCard.Client;
using CityCard.Http;

namespace CityCard.Cli;

/// <summary>How commands print: a readable table by default, the gateway's JSON with --json; problems to stderr.</summary>
internal static class Output
{
    /// <summary>Prints the result and returns the exit code: 0 on success, 1 when the gateway answered a problem.</summary>
    public static int Print<T>(GatewayResult<T> result, bool json, Action<T> table)
        where T : class
    {
        if (result.Problem is { } problem)
        {
            if (json)
            {
                Console.WriteLine(JsonSerializer.Serialize(problem, GatewayClient.Json));
            }
            else
            {
                Console.Error.WriteLine($"refused: {problem.Status} {problem.Code}: {problem.Detail ?? problem.Title}");
            }

            return 1;
        }

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(result.Value, GatewayClient.Json));
        }
        else
        {
            table(result.Value!);
        }

        return 0;
    }

    public static void Operation(CardOperationResponse r, string card) =>
        TablePrinter.Print(
            Console.Out,
            ["card", "operation", "outcome", "refusal", "charged", "balance", "status", "version"],
            [[card, r.OperationId, r.Replay ? $"{r.Status} (replay)" : r.Status.ToString(), r.Refusal?.ToString() ?? "", r.Charged is { } c ? Yuan(c) : "", Yuan(r.Balance), r.CardStatus.ToString(), Number(r.Version)]]);

    public static string Yuan(long fen) => CityCard.Contracts.Money.FromFen(fen).ToString();

    public static string Number(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
