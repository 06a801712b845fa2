using System.Globalization;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Client;

/// <summary>Fare policy simulation at a city's gateway (the city's operations key): a draft tried on the rides of a period.</summary>
public sealed partial class GatewayClient
{
    /// <param name="draft">The draft of the city's whole policy file, as JSON text.</param>
    public async Task<GatewayResult<SimulationReport>> SimulatePolicyAsync(string draft, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var path = $"v1/policy/simulations{Query(("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))}";
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(draft, Encoding.UTF8, "application/json"),
        };
        return await SendAsync<SimulationReport>(request, ct);
    }
}
