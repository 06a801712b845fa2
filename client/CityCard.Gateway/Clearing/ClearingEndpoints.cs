using CityCard.Gateway.Ledger;

namespace CityCard.Gateway.Clearing;

/// <summary>Every clearing resource of a gateway: the windows and their commands, the settlements, the city's ledger.</summary>
public static class ClearingEndpoints
{
    public static void MapClearingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapWindowEndpoints();
        routes.MapSettlementEndpoints();
        routes.MapLedgerEndpoints();
    }
}
