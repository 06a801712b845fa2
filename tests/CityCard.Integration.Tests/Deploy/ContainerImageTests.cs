using System.Diagnostics;
using System.Net;
using CityCard.Client;
using CityCard.Http;
using CityCard.Contracts;
using CityCard.Integration.Tests.Infrastructure;

namespace CityCard.Integration.Tests.Deploy;

/// <summary>
/// The one documented command, scripts/build-images.sh, builds the silo and gateway images with no container engine;
/// the images are what the manifests expect, and they really run: the silo from its own layers over the test
/// PostgreSQL, the gateway from its own layers in front of it, a card issued through them.
/// </summary>
public sealed class ContainerImageTests : IDisposable
{
    private const string DeskKeyId = "zg-service-desk";
    private const string DeskSecret = "image-test-secret-ZG-service-desk-0123456789";

    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("citycard-images-");

    public void Dispose() => work.Delete(recursive: true);

    [RootFact]
    public async Task The_images_build_without_a_container_engine_and_serve_a_card_from_their_own_layers()
    {
        var archives = BuildImages("silo", "gateway");
        var silo = OciImage.Open(archives["silo"], Path.Combine(work.FullName, "silo-oci"));
        var gateway = OciImage.Open(archives["gateway"], Path.Combine(work.FullName, "gateway-oci"));

        foreach (var (image, program) in new[] { (silo, "CityCard.Silo"), (gateway, "CityCard.Gateway") })
        {
            Assert.Equal("amd64", (string?)image.Config["architecture"]);
            Assert.Equal(["dotnet", $"/app/{program}.dll"], image.Entrypoint);
            Assert.Equal("1654", image.User);
            Assert.Equal("http://0.0.0.0:8080", image.Env["Urls"]);
            Assert.Equal(2, image.LayerCount); // the shared base, and the program
        }

        Assert.Equal(["11111/tcp", "30000/tcp", "8080/tcp"], silo.ExposedPorts.Order());

        var siloRoot = Path.Combine(work.FullName, "silo-root");
        var gatewayRoot = Path.Combine(work.FullName, "gateway-root");
        silo.Unpack(siloRoot);
        gateway.Unpack(gatewayRoot);
        Assert.True(File.Exists(Path.Combine(siloRoot, "app", "policies", "zg.json")), "the fare policies travel in the silo image");

        var siloHttp = LocalPorts.Free();
        var siloGateway = LocalPorts.Free();
        using var siloProcess = new ImageProcess(silo, siloRoot, new Dictionary<string, string>
        {
            ["ConnectionStrings__CityCard"] = await TestPostgres.CreateDatabaseAsync("images"),
            ["Urls"] = $"http://127.0.0.1:{siloHttp}",
            ["Cluster__SiloPort"] = LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__GatewayPort"] = siloGateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await WaitReadyAsync(new Uri($"http://127.0.0.1:{siloHttp}/health/ready"), siloProcess);

        var gatewayHttp = LocalPorts.Free();
        using var gatewayProcess = new ImageProcess(gateway, gatewayRoot, new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{gatewayHttp}",
            ["Gateway__City"] = "ZG",
            ["Gateway__Keys__0__Id"] = DeskKeyId,
            ["Gateway__Keys__0__City"] = "ZG",
            ["Gateway__Keys__0__Role"] = "service-desk",
            ["Gateway__Keys__0__Secret"] = DeskSecret,
            ["Cluster__GatewayPort"] = siloGateway.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await WaitReadyAsync(new Uri($"http://127.0.0.1:{gatewayHttp}/health/ready"), gatewayProcess);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayHttp}/") };
        var card = CardNumber.Create(City.ZG, Random.Shared.NextInt64(1, 999_999_999)).Value;
        var issued = await new GatewayClient(http, $"{DeskKeyId}.{DeskSecret}")
            .IssueAsync(card, new IssueCardBody { Product = "standard", Deposit = 2_000 }, $"issue-{Guid.NewGuid():N}");

        Assert.True(issued.Value?.Status == OperationStatus.Accepted, $"{issued.Problem}\nsilo:\n{siloProcess.Output}\ngateway:\n{gatewayProcess.Output}");
    }

    private Dictionary<string, string> BuildImages(params string[] names)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RenderedManifests.RepositoryRoot, "scripts", "build-images.sh"), .. names])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CITYCARD_IMAGES_OUT"] = Path.Combine(work.FullName, "out") },
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"scripts/build-images.sh failed:\n{errors.Result}");

        var archives = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(names.Length, archives.Length);
        return names.Zip(archives).ToDictionary(p => p.First, p =>
        {
            Assert.Equal($"citycard-{p.First}-0.1.0.tar", Path.GetFileName(p.Second));
            return p.Second;
        });
    }

    private static async Task WaitReadyAsync(Uri ready, ImageProcess process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 120 && !process.HasExited; attempt++)
        {
            try
            {
                if ((await http.GetAsync(ready)).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening, but too busy starting to answer within the client's timeout on a loaded machine
            }

            await Task.Delay(500);
        }

        Assert.Fail($"{ready} never answered 200; the process printed:\n{process.Output}");
    }
}

/// <summary>A fact that runs programs in a mount namespace of their own, which needs root (./test.sh and CI run as root).</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!ImageProcess.CanRun)
        {
            Skip = "Running an image's layers without a container engine needs root (mount namespaces); CI runs as root.";
        }
    }
}
