using System.Net;
using System.Text.Json;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>What every error of the gateway must look like: problem+json, the status, a named code, no internals.</summary>
public static class ProblemAssert
{
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal($"/docs#{code}", problem.GetProperty("type").GetString());
        NoInternals(body);
        return problem;
    }

    /// <summary>No stack trace, no .NET type or exception name, no SQL.</summary>
    public static void NoInternals(string body)
    {
        foreach (var leak in new[] { "   at ", "Exception", "System.", "CityCard.", "Npgsql", "Orleans", "select ", "insert " })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }
}
