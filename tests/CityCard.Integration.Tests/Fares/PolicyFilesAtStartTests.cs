using CityCard.Domain.Policies;
using CityCard.Grains.Policies;
using CityCard.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CityCard.Integration.Tests.Fares;

/// <summary>The silo reads the policy files before anything starts; a broken one stops it with the file, field and problem.</summary>
public sealed class PolicyFilesAtStartTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("citycard-policies-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_silo_finds_the_repositorys_policies_and_they_load()
    {
        var policies = PolicyDirectory.Load(PolicyDirectory.Locate(null));

        Assert.Equal(4, policies.Cities.Count);
    }

    [Fact]
    public void A_silo_configured_with_a_broken_policy_file_refuses_to_start_and_says_where()
    {
        CopyRepositoryPolicies();
        var zg = Path.Combine(folder, "zg.json");
        var text = File.ReadAllText(zg);
        var suburban = text.IndexOf("\"fare\": 300 }", StringComparison.Ordinal);
        File.WriteAllText(zg, text[..suburban] + "\"fare\": -300 }" + text[(suburban + "\"fare\": 300 }".Length)..]); // the first version's only
        var lz = Path.Combine(folder, "lz.json");
        File.WriteAllText(lz, File.ReadAllText(lz).Replace("\"effectiveFrom\": \"2026-11-20\"", "\"effectiveFrom\": \"2026-01-01\"", StringComparison.Ordinal));

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CityCard"] = "Host=localhost;Database=unused",
            ["Policies:Directory"] = folder,
        });
        var settings = SiloSettings.From(builder.Configuration);

        var failure = Assert.Throws<PolicyLoadException>(() => builder.AddCityCardSilo(settings));

        Assert.Contains("zg.json $.versions[0].bus.routeClasses[1].fare: NegativeFare", failure.Message, StringComparison.Ordinal);
        Assert.Contains("lz.json $.versions[1].effectiveFrom: OverlappingVersions", failure.Message, StringComparison.Ordinal);
        Assert.Equal([PolicyErrorCode.OverlappingVersions, PolicyErrorCode.NegativeFare], failure.Errors.Select(e => e.Code).Order());
    }

    [Fact]
    public void A_missing_policy_folder_or_file_is_named()
    {
        Assert.Throws<PolicyLoadException>(() => PolicyDirectory.Locate(Path.Combine(folder, "nowhere")));

        CopyRepositoryPolicies();
        File.Delete(Path.Combine(folder, "region.json"));
        var failure = Assert.Throws<PolicyLoadException>(() => PolicyDirectory.Load(folder));

        Assert.Equal(("region.json", PolicyErrorCode.MissingFile), (Assert.Single(failure.Errors).File, failure.Errors[0].Code));
    }

    private void CopyRepositoryPolicies()
    {
        foreach (var file in Directory.GetFiles(PolicyDirectory.Locate(null), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }
}
