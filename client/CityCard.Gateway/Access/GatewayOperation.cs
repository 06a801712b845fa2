namespace CityCard.Gateway.Access;

/// <summary>
/// Everything a caller can ask of a gateway, as the authorisation rules name it. A new endpoint group adds its
/// operations here and its rules to <see cref="AccessRules"/>.
/// </summary>
public enum GatewayOperation
{
    IssueCard = 1,
    TopUp,
    Charge,
    UploadTaps,
    ReverseCharge,
    BlockCard,
    UnblockCard,
    ReplaceCard,
    CloseCard,
    ViewCard,
    ReadHistory,
    ReadHotlist,

    // Clearing: rules in ClearingAccess.
    ReadClearingStatus,
    ReadWindows,
    CloseWindow,
    ConfirmSettlement,
    AbortWindow,
    ReadRegionSettlement,
    ReadCityStatement,
    ReadTrialBalance,

    // Replay verification, dispute cases and reconciliation: rules in IntegrityAccess.
    VerifyCardStream,
    VerifyStreams,
    OpenDispute,
    ReadDisputes,
    ReviewDispute,
    DecideDispute,
    StartReconciliation,
    ReadReconciliation,

    // Clearing again (rules in ClearingAccess): a card held because its hash chain broke.
    ReleaseHeldCard,

    // Bulk issuance of the city's cards.
    IssueBatch,
    ReadIssueBatch,
    // The city's reference data (products, routes, stations, categories): every key of the city, and the region's.
    ReadReferenceData,
    // Passes: selling and refunding at the issuer's desk, the passes on sale; running their apportionment (ClearingAccess).
    SellPass,
    RefundPass,
    ReadPassProducts,
    ApportionPasses,

    // A draft of the city's fare policy tried on the rides it charged (writes nothing): the city's back office.
    SimulatePolicy,
    // The city's registry of operators and terminals (docs/decisions/0090): its back office keeps it; the region's
    // clearing reads it (and alone sees settlement accounts unmasked).
    ManageOperators,
    ManageTerminals,
    ReadRegistry,
}
