using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CityCard.Gateway.Http;

/// <summary>
/// ASP.NET Core's rate limiter, after authentication: a token bucket per key id (<c>PermitsPerSecond</c> refilled each
/// second, <c>Burst</c> at most), and one gateway-wide bound on terminal batches processed at once
/// (<c>MaxConcurrentBatches</c>, with <c>BatchQueue</c> waiting). A request over a limit is 429 problem+json with a
/// Retry-After and was not carried out, so a retry with the same Idempotency-Key is always safe. The public pages
/// (health, the reference page, the OpenAPI document) have no key and no limit. Settings: <see cref="GatewayLimits"/>.
/// </summary>
public static class RateLimits
{
    public const string BatchPolicy = "tap-batches";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services, GatewayLimits limits)
    {
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.TryGetCaller() is { } caller
                    ? RateLimitPartition.GetTokenBucketLimiter(caller.KeyId, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.AddPolicy(BatchPolicy, _ => RateLimitPartition.GetConcurrencyLimiter(BatchPolicy, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.MaxConcurrentBatches,
                QueueLimit = limits.BatchQueue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
            options.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>
    /// A key's bucket says when it has a token again; the batch bound cannot know when a batch ends, so it asks for a
    /// second.
    /// </summary>
    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var perKey = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
        var seconds = perKey ? Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = perKey
            ? Problems.Gateway(ProblemCodes.RateLimited, $"Key '{http.TryGetCaller()?.KeyId}' is over its rate; retry after {seconds} s with the same Idempotency-Key.")
            : Problems.Gateway(ProblemCodes.BatchCapacityReached);
        await problem.ExecuteAsync(http);
    }
}
