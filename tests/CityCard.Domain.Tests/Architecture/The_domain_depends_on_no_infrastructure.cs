namespace CityCard.Domain.Tests.Architecture;

public sealed class The_domain_depends_on_no_infrastructure
{
    private static readonly string[] Orleans = ["Orleans", "Microsoft.Orleans"];
    private static readonly string[] Databases = ["Marten", "JasperFx", "Weasel", "Npgsql"];

    private static List<string> ReferencesStartingWith(IEnumerable<string> prefixes) =>
        typeof(CardDecider).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name ?? string.Empty)
            .Where(name => prefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    [Fact]
    public void The_domain_assembly_references_no_actor_or_database_library()
    {
        Assert.Empty(ReferencesStartingWith(Orleans.Concat(Databases)));
    }

    [Fact]
    public void The_domain_assembly_references_no_database_library()
    {
        Assert.Empty(ReferencesStartingWith(Databases));
    }

    [Fact]
    public void The_domain_builds_on_the_contracts()
    {
        Assert.Contains(typeof(CardDecider).Assembly.GetReferencedAssemblies(), a => a.Name == "CityCard.Contracts");
    }
}
