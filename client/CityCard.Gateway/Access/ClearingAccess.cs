namespace CityCard.Gateway.Access;

/// <summary>
/// Who may do what with clearing, as rows of <see cref="AccessRules.Table"/>. The region's clearing operators (the
/// clearing role, keys of no city, valid at every gateway) run the windows: close, record the settlement bank's
/// confirmation, abort, and read the region's report, which holds every city's payout statement. A city's back office
/// (operations) reads the windows, the projection's lag (with the cards held because their hash chain broke), and its
/// own city's statement and ledger, at its own gateway: so nobody reads another city's operator statements. Releasing
/// a held card is the clearing operators'. Terminals and service desks have no part in clearing.
/// See docs/decisions/0040 and 0035.
/// </summary>
public static class ClearingAccess
{
    private static readonly Role[] ClearingHouse = [Role.Clearing];
    private static readonly Role[] Readers = [Role.Operations, Role.Clearing];

    public static IReadOnlyDictionary<GatewayOperation, AccessRule> Rules { get; } = new Dictionary<GatewayOperation, AccessRule>
    {
        [GatewayOperation.ReadClearingStatus] = AccessRules.Rule(Readers, CardScope.NoCard),
        [GatewayOperation.ReadWindows] = AccessRules.Rule(Readers, CardScope.NoCard),
        [GatewayOperation.CloseWindow] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
        [GatewayOperation.ConfirmSettlement] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
        [GatewayOperation.AbortWindow] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
        [GatewayOperation.ReadRegionSettlement] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
        [GatewayOperation.ReadCityStatement] = AccessRules.Rule(Readers, CardScope.NoCard),
        [GatewayOperation.ReadTrialBalance] = AccessRules.Rule(Readers, CardScope.NoCard),

        // The card in the path is the held one, of any city: the clearing house's business, not its issuer's.
        [GatewayOperation.ReleaseHeldCard] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),

        // The trigger of pass apportionment (decision 0061), run by the clearing operators before a day's window closes.
        [GatewayOperation.ApportionPasses] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
    };
}
