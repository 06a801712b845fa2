using System.Reflection;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;
using CityCard.Gateway.Tests.Infrastructure;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// Every code the gateway can answer, taken from the code itself (the gateway's own codes, the cards', the clearing
/// house's and the disputes' rejections, the access refusals), is on the reference page (/docs, a row each) and in the
/// API guide (docs/guides/api.md). A new code that is not documented fails here.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Every_code_the_gateway_answers_is_documented(GatewayFixture gateways)
{
    public static IReadOnlyList<string> Codes { get; } =
    [
        .. typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!),
        .. ProblemCodes.Catalog.Select(c => c.Code),
        .. Enum.GetNames<AuthenticationFailure>(),
        .. Enum.GetNames<AccessDenial>(),
        .. Enum.GetNames<RejectionCode>(),
        .. Enum.GetNames<ClearingRejection>(),
        .. Enum.GetNames<DisputeRejection>(),
        .. Enum.GetNames<RegistryRejection>(),
    ];

    public static TheoryData<string> DistinctCodes => [.. Codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_gateway_code_has_its_status_and_meaning_in_the_catalog()
    {
        var constants = typeof(ProblemCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Empty(constants.Except(ProblemCodes.Catalog.Select(c => c.Code)));
    }

    [Theory]
    [MemberData(nameof(DistinctCodes))]
    public async Task Is_a_row_of_the_reference_page(string code)
    {
        var docs = await gateways.Http(City.ZG).GetStringAsync(new Uri("docs", UriKind.Relative));

        Assert.True(docs.Split($"<tr id=\"{code}\">").Length - 1 == 1, $"/docs has no row (or more than one) for {code}");
    }

    [Theory]
    [MemberData(nameof(DistinctCodes))]
    public void Is_in_the_api_guide(string code)
    {
        Assert.True(ApiGuide.Value.Contains($"`{code}`", StringComparison.Ordinal), $"docs/guides/api.md does not name `{code}`");
    }

    [Fact]
    public async Task The_openapi_document_says_what_a_time_is()
    {
        var openApi = JsonDocument.Parse(await gateways.Http(City.ZG).GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative))).RootElement;

        var tappedAt = openApi.GetProperty("components").GetProperty("schemas").GetProperty("ChargeBody").GetProperty("properties").GetProperty("tappedAt");
        Assert.Equal(("string", "date-time"), (tappedAt.GetProperty("type").GetString(), tappedAt.GetProperty("format").GetString()));
        Assert.Equal(CityCard.Http.WireTime.Pattern, tappedAt.GetProperty("pattern").GetString());
    }

    private static readonly Lazy<string> ApiGuide = new(() =>
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CityCard.sln")))
        {
            folder = folder.Parent;
        }

        return File.ReadAllText(Path.Combine(folder?.FullName ?? throw new InvalidOperationException("No CityCard.sln above the tests."), "docs", "guides", "api.md"));
    });
}
