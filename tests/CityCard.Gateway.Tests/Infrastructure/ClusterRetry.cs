using CityCard.Client;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// A test's setup (issuing its cards, topping them up) sent as a client sends it: a 503 from a silo whose first calls
/// (a new database, nothing compiled yet) outlasted the client's response timeout on a busy machine is sent again with
/// the same Idempotency-Key until the cluster answers, so a slow start is never mistaken for the behaviour under test.
/// </summary>
public static class ClusterRetry
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilTheClusterAnswersAsync<T>(Func<Task<GatewayResult<T>>> send)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var result = await send();
            if (result.IsSuccess || result.Problem!.Status != 503 || DateTime.UtcNow > deadline)
            {
                return result.Expect();
            }

            await Task.Delay(500);
        }
    }
}
