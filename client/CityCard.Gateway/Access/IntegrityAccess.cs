namespace CityCard.Gateway.Access;

/// <summary>
/// Who may verify streams, work dispute cases and reconcile the ledgers, as rows of <see cref="AccessRules.Table"/>
/// (see docs/decisions/0034):
/// <list type="bullet">
/// <item>A card's stream is verified by its issuer's back office (operations), like its replay (ReadHistory, service
/// desk and operations of the issuer); a city's whole set of streams, by its own operations, at its own gateway.</item>
/// <item>A case is opened by the card's issuing city at its service desk, where the holder complains. It is reviewed
/// and decided by the back office (operations) of the city where the charge was made: the one that gives the money
/// back. The gateway lets any operations key try; the case itself refuses every city but the charge's
/// (NotChargeAcquirer, 403). Cases are read by the desks and back offices of the two cities party to them.</item>
/// <item>Reconciliation rebuilds every ledger of the region and its report shows every city's accounts: it is the
/// region's clearing operators' (the clearing role, keys of no city, at any gateway), like the region's settlement.</item>
/// </list>
/// </summary>
public static class IntegrityAccess
{
    private static readonly Role[] Desk = [Role.ServiceDesk];
    private static readonly Role[] BackOffice = [Role.Operations];
    private static readonly Role[] Staff = [Role.ServiceDesk, Role.Operations];
    private static readonly Role[] ClearingHouse = [Role.Clearing];

    public static IReadOnlyDictionary<GatewayOperation, AccessRule> Rules { get; } = new Dictionary<GatewayOperation, AccessRule>
    {
        [GatewayOperation.VerifyCardStream] = AccessRules.Rule(BackOffice, CardScope.OwnCards),
        [GatewayOperation.VerifyStreams] = AccessRules.Rule(BackOffice, CardScope.AnyCard),
        [GatewayOperation.OpenDispute] = AccessRules.Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.ReadDisputes] = AccessRules.Rule(Staff, CardScope.AnyCard),
        [GatewayOperation.ReviewDispute] = AccessRules.Rule(BackOffice, CardScope.AnyCard),
        [GatewayOperation.DecideDispute] = AccessRules.Rule(BackOffice, CardScope.AnyCard),
        [GatewayOperation.StartReconciliation] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
        [GatewayOperation.ReadReconciliation] = AccessRules.Rule(ClearingHouse, CardScope.NoCard),
    };
}
