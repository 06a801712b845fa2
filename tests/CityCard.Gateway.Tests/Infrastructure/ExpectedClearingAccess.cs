using CityCard.Gateway.Access;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// Who may do what with clearing, as decision 0040 states it, written out apart from the gateway's table: the region's
/// clearing operators run the windows and alone read the region's report (every city's payouts are in it); a city's
/// back office reads the windows, the lag, and its own statement and ledger; releasing a card held because its hash
/// chain broke is the clearing operators' alone (0035); terminals and desks have no part in it.
/// </summary>
public static class ExpectedClearingAccess
{
    public static IReadOnlyDictionary<GatewayOperation, (Role[] Roles, bool OwnCardsOnly)> Matrix { get; } = new Dictionary<GatewayOperation, (Role[] Roles, bool OwnCardsOnly)>
    {
        [GatewayOperation.ReadClearingStatus] = ([Role.Operations, Role.Clearing], false),
        [GatewayOperation.ReadWindows] = ([Role.Operations, Role.Clearing], false),
        [GatewayOperation.CloseWindow] = ([Role.Clearing], false),
        [GatewayOperation.ConfirmSettlement] = ([Role.Clearing], false),
        [GatewayOperation.AbortWindow] = ([Role.Clearing], false),
        [GatewayOperation.ReadRegionSettlement] = ([Role.Clearing], false),
        [GatewayOperation.ReadCityStatement] = ([Role.Operations, Role.Clearing], false),
        [GatewayOperation.ReadTrialBalance] = ([Role.Operations, Role.Clearing], false),
        [GatewayOperation.ReleaseHeldCard] = ([Role.Clearing], false),

        // The run that apportions the pass periods that ended (decision 0061) is the clearing operators'.
        [GatewayOperation.ApportionPasses] = ([Role.Clearing], false),
    };

    public static IEnumerable<GatewayOperation> Operations => Matrix.Keys;
}
