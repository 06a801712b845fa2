using CityCard.Domain.Ledger;

namespace CityCard.Domain.Tests;

public sealed class DomainPurityTests
{
    [Fact]
    public void The_pure_domain_references_no_Orleans_runtime_Marten_or_database_assembly()
    {
        var forbidden = new[] { "Orleans.Runtime", "Orleans.Core", "Marten", "JasperFx", "Weasel", "Npgsql" };

        var references = typeof(PostingRules).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }
}
