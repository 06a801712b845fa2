using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using CityCard.Contracts;
using CityCard.Gateway.Access;
using CityCard.Gateway.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using static CityCard.Gateway.Tests.Infrastructure.GatewayFixture;

namespace CityCard.Gateway.Tests.Http;

/// <summary>
/// The proof that the document is a contract: NSwag generates a C# client from the served document, Roslyn compiles it,
/// and the generated client (nothing of ours) issues a card, tops it up, charges it, reads its history and gets a
/// refused charge, each answer read into the document's own types.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class A_client_generated_from_the_document_works(GatewayFixture gateways)
{
    [Fact]
    public async Task Issue_top_up_charge_history_and_a_refusal_through_the_generated_client()
    {
        var text = await (await gateways.Http(City.ZG).GetAsync("openapi/v1.json")).Content.ReadAsStringAsync();
        var document = await NSwag.OpenApiDocument.FromJsonAsync(text);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "CityCardClient",
            UseBaseUrl = false,
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        var assembly = Compile(code);
        var client = assembly.GetType("Generated.CityCardClient") ?? throw new InvalidOperationException("No client class generated.");

        var card = NewCard(City.ZG);
        var desk = Client(client, Role.ServiceDesk);
        var issued = await Call(desk, "CardsIssueAsync", card, NewKey("gen-issue"), """{"product":"standard","deposit":2000}""");
        Assert.Equal("Active", issued.GetProperty("cardStatus").GetString());

        var topUp = await Call(desk, "CardsTopUpAsync", card, NewKey("gen-topup"), """{"amount":5000}""");
        Assert.Equal(5_000L, topUp.GetProperty("balance").GetInt64());

        var terminal = Client(client, Role.Terminal);
        var charged = await Call(terminal, "CardsChargeAsync", card, NewKey("gen-charge"), Requests.ChargeJson(1_200));
        Assert.Equal(("Accepted", 3_800L), (charged.GetProperty("status").GetString(), charged.GetProperty("balance").GetInt64()));

        var history = await Call(Client(client, Role.Operations), "CardsHistoryAsync", card, null, null);
        Assert.Equal(3, history.GetProperty("entries").GetArrayLength());

        var refused = await Call(terminal, "CardsChargeAsync", card, NewKey("gen-too-much"), Requests.ChargeJson(9_000));
        Assert.Equal(("Refused", "InsufficientBalance"), (refused.GetProperty("status").GetString(), refused.GetProperty("refusal").GetString()));

        var rejected = await Assert.ThrowsAnyAsync<Exception>(() => Call(terminal, "CardsChargeAsync", card, NewKey("gen-zero"), Requests.ChargeJson(0)));
        Assert.Equal(422, rejected.GetType().GetProperty("StatusCode")?.GetValue(rejected));
        Assert.Equal(4L, await gateways.StreamVersionAsync(card));

        object Client(Type type, Role role)
        {
            var http = new HttpClient { BaseAddress = gateways.Http(City.ZG).BaseAddress };
            http.DefaultRequestHeaders.Add("X-Api-Key", KeyOf(City.ZG, role));
            return Activator.CreateInstance(type, http)!;
        }
    }

    /// <summary>Calls the generated method with the card, the Idempotency-Key and the body (read into its generated type).</summary>
    private static async Task<JsonElement> Call(object client, string method, string card, string? idempotencyKey, string? body)
    {
        var target = client.GetType().GetMethods().Single(m => m.Name == method && m.GetParameters().All(p => p.ParameterType != typeof(CancellationToken)));
        var args = target.GetParameters().Select(p => p.Name switch
        {
            "card" => card,
            { } name when name.Contains("dempotency", StringComparison.OrdinalIgnoreCase) => idempotencyKey,
            "body" => JsonSerializer.Deserialize(body!, p.ParameterType, JsonSerializerOptions.Web),
            _ => null,
        }).ToArray();
        Task task;
        try
        {
            task = (Task)target.Invoke(client, args)!;
        }
        catch (TargetInvocationException e)
        {
            throw e.InnerException!;
        }

        await task;
        var result = task.GetType().GetProperty("Result")!.GetValue(task);
        return JsonSerializer.SerializeToElement(result, result!.GetType(), JsonSerializerOptions.Web);
    }

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "Generated.CityCardClient",
            [CSharpSyntaxTree.ParseText(code)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(emitted.Success, "The generated client does not compile:\n" + string.Join("\n", errors.Take(20)));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }
}
