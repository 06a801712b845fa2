using System.Net;
using CityCard.Client;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// POST /v1/issue-batches over real HTTP: a batch file issues the city's cards (each one a card like any other), the
/// same file again answers the first result, the same batch id for other cards is a conflict, and a malformed file
/// is refused whole with every bad line's number and code, nothing issued.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Issue_batches_issue_a_citys_cards_in_bulk(GatewayFixture gateways)
{
    [Fact]
    public async Task A_batch_file_issues_its_cards_once_and_answers_its_first_result_when_sent_again()
    {
        var first = Random.Shared.NextInt64(100_000_000, 900_000_000);
        var taken = await OnceTheClusterAnswersAsync(() => gateways.NewActiveCardAsync(City.NJ, 0));
        var batchId = NewKey("term")[..30];
        var file = $"batch,{batchId}\nproduct,student\nchannel,School\n" +
            $"range,{CardNumber.Create(City.NJ, first)},{CardNumber.Create(City.NJ, first + 24)}\n" +
            $"card,{taken}\n";
        var desk = gateways.Client(City.NJ, Role.ServiceDesk);

        var started = (await desk.StartIssueBatchAsync(file)).Expect();
        Assert.Equal((batchId, 26L), (started.BatchId, started.Cards));
        var done = await WaitAsync(gateways.Client(City.NJ, Role.Operations), batchId);
        Assert.Equal((IssueBatchState.Completed, 26L, 25L, 1L, false), (done.State, done.Processed, done.Issued, done.InUse, done.IsReplay));
        Assert.Equal([taken], done.InUseCards);

        // A bulk-issued card is a card like any other: shown, topped up, charged.
        var card = CardNumber.Create(City.NJ, first + 7).Value;
        var view = (await gateways.Client(City.NJ, Role.Operations).GetCardAsync(card)).Expect();
        Assert.Equal((CardStatus.Active, "student", 1L), (view.Status, view.Product.ToString(), view.Version));
        (await desk.TopUpAsync(card, new CityCard.Http.TopUpBody { Amount = 1_000, Channel = TopUpChannel.ServiceDesk }, NewKey("top-up"))).Expect();
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));
        Assert.Equal(1L, await gateways.StreamVersionAsync(taken));

        var again = (await desk.StartIssueBatchAsync(file)).Expect();
        Assert.Equal((IssueBatchState.Completed, 25L, true, done.CompletedAt), (again.State, again.Issued, again.IsReplay, again.CompletedAt));
        Assert.Equal(2L, await gateways.StreamVersionAsync(card));

        using var other = await gateways.Http(City.NJ).SendAsync(Requests.Json(HttpMethod.Post, "v1/issue-batches", KeyOf(City.NJ, Role.ServiceDesk), null,
            file.Replace("product,student", "product,standard", StringComparison.Ordinal), "text/csv"));
        await ProblemAssert.IsProblem(other, HttpStatusCode.Conflict, "OperationConflict");
    }

    [Fact]
    public async Task A_malformed_file_is_refused_whole_with_each_bad_lines_number_and_code()
    {
        var good = Random.Shared.NextInt64(100_000_000, 900_000_000);
        var batchId = NewKey("bad")[..30];
        var file = string.Join('\n',
            $"batch,{batchId}",                                                           // 1
            "product,student",                                                            // 2
            "channel,Post",                                                               // 3 UnknownChannel
            $"card,{CardNumber.Create(City.ZG, good)}",                                   // 4 fine
            "card,ZG0000000001",                                                          // 5 MalformedCardNumber
            $"card,{CardNumber.Create(City.LZ, good)}",                                   // 6 CardOfAnotherCity
            $"range,{CardNumber.Create(City.ZG, good - 5)},{CardNumber.Create(City.ZG, good + 5)}", // 7 DuplicateCard (overlaps line 4)
            $"range,{CardNumber.Create(City.ZG, good + 90)},{CardNumber.Create(City.ZG, good + 80)}", // 8 InvalidRange
            "cards,ZG0000001230",                                                         // 9 UnknownRecord
            "product,senior");                                                            // 10 DuplicateSetting

        using var response = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, "v1/issue-batches", KeyOf(City.ZG, Role.Operations), null, file, "text/csv"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "MalformedBatch");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("code").GetString())).ToList();
        Assert.Equal(
            [(3, "UnknownChannel"), (5, "MalformedCardNumber"), (6, "CardOfAnotherCity"), (7, "DuplicateCard"), (8, "InvalidRange"), (9, "UnknownRecord"), (10, "DuplicateSetting")],
            errors);
        Assert.Equal(7, problem.GetProperty("errorCount").GetInt32());

        // Nothing issued: no batch, no stream for the one good line.
        Assert.Equal(0L, await gateways.StreamVersionAsync(CardNumber.Create(City.ZG, good).Value));
        var status = await gateways.Client(City.ZG, Role.Operations).GetIssueBatchAsync(batchId);
        Assert.Equal("UnknownBatch", status.Problem?.Code);
    }

    [Fact]
    public async Task A_terminal_may_not_issue_and_a_batch_over_the_limit_is_413()
    {
        var file = "batch,too-many\nproduct,student\nchannel,Factory\nrange,ZG0000000018,ZG9999999999\n";
        using var terminal = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, "v1/issue-batches", KeyOf(City.ZG, Role.Terminal), null, file, "text/csv"));
        await ProblemAssert.IsProblem(terminal, HttpStatusCode.Forbidden, "RoleNotAllowed");

        using var desk = await gateways.Http(City.ZG).SendAsync(Requests.Json(HttpMethod.Post, "v1/issue-batches", KeyOf(City.ZG, Role.ServiceDesk), null, file, "text/csv"));
        await ProblemAssert.IsProblem(desk, HttpStatusCode.RequestEntityTooLarge, "BatchTooLarge");
    }

    /// <summary>The first call of a run may meet a silo still warming up (503, retry as a client does).</summary>
    private static async Task<T> OnceTheClusterAnswersAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (GatewayProblemException e) when (e.Problem.Status == 503 && attempt < 5)
            {
                await Task.Delay(1_000);
            }
        }
    }

    private static async Task<IssueBatchStatus> WaitAsync(GatewayClient client, string batchId)
    {
        var status = (await client.GetIssueBatchAsync(batchId)).Expect();
        for (var i = 0; status.State == IssueBatchState.Running && i < 400; i++)
        {
            await Task.Delay(50);
            status = (await client.GetIssueBatchAsync(batchId)).Expect();
        }

        return status;
    }
}
