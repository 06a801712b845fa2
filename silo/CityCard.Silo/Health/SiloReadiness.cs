namespace CityCard.Silo.Health;

/// <summary>
/// /health says the process is up (the liveness probe); /health/ready says this silo is an active member of the
/// cluster (the readiness probe), so that a rolling update waits for each new silo to join before replacing the next.
/// </summary>
public static class SiloReadiness
{
    public static void MapSiloHealth(this WebApplication app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/health/ready", (IClusterMembershipService membership, ILocalSiloDetails silo) =>
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return status == SiloStatus.Active
                ? Results.Ok(new { status = "ready", silo = status.ToString() })
                : Results.Json(new { status = "not-ready", silo = status.ToString() }, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
