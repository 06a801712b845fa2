using CityCard.Contracts;
using CityCard.Gateway.Access;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>
/// The authorisation matrix as the domain states it, written out independently of the gateway's table so that the
/// tests hold one against the other: who may do what, and on whose cards.
/// </summary>
public static class ExpectedAccess
{
    private static readonly Dictionary<GatewayOperation, (Role[] Roles, bool OwnCardsOnly)> Matrix = new(ExpectedClearingAccess.Matrix)
    {
        [GatewayOperation.IssueCard] = ([Role.ServiceDesk], true),
        [GatewayOperation.TopUp] = ([Role.Terminal, Role.ServiceDesk], false),
        [GatewayOperation.Charge] = ([Role.Terminal], false),
        [GatewayOperation.UploadTaps] = ([Role.Terminal], false),
        [GatewayOperation.ReverseCharge] = ([Role.Terminal, Role.ServiceDesk], false),
        [GatewayOperation.BlockCard] = ([Role.ServiceDesk], true),
        [GatewayOperation.UnblockCard] = ([Role.ServiceDesk], true),
        [GatewayOperation.ReplaceCard] = ([Role.ServiceDesk], true),
        [GatewayOperation.CloseCard] = ([Role.ServiceDesk], true),
        [GatewayOperation.ViewCard] = ([Role.ServiceDesk, Role.Operations], true),
        [GatewayOperation.ReadHistory] = ([Role.ServiceDesk, Role.Operations], true),
        [GatewayOperation.ReadHotlist] = ([Role.Terminal, Role.ServiceDesk, Role.Operations], false),

        // Verification of a card's stream is its issuer's back office's; of a city's streams, that city's.
        [GatewayOperation.VerifyCardStream] = ([Role.Operations], true),
        [GatewayOperation.VerifyStreams] = ([Role.Operations], false),

        // The issuer's desk opens a case; back offices review and decide (the case itself keeps to the charge's city).
        [GatewayOperation.OpenDispute] = ([Role.ServiceDesk], true),
        [GatewayOperation.ReadDisputes] = ([Role.ServiceDesk, Role.Operations], false),
        [GatewayOperation.ReviewDispute] = ([Role.Operations], false),
        [GatewayOperation.DecideDispute] = ([Role.Operations], false),
        // Reconciliation rebuilds every city's ledger: the region's clearing operators' tool.
        [GatewayOperation.StartReconciliation] = ([Role.Clearing], false),
        [GatewayOperation.ReadReconciliation] = ([Role.Clearing], false),

        // A city's desk and back office issue its cards in bulk (the file's cards are checked to be the city's).
        [GatewayOperation.IssueBatch] = ([Role.ServiceDesk, Role.Operations], false),
        [GatewayOperation.ReadIssueBatch] = ([Role.ServiceDesk, Role.Operations], false),
        // Reference data is no secret of the city's: every key of it, and the region's.
        [GatewayOperation.ReadReferenceData] = ([Role.Terminal, Role.ServiceDesk, Role.Operations, Role.Clearing], false),
        // Passes are sold and refunded at the card issuer's desk; desks and back offices read the passes on sale.
        [GatewayOperation.SellPass] = ([Role.ServiceDesk], true),
        [GatewayOperation.RefundPass] = ([Role.ServiceDesk], true),
        [GatewayOperation.ReadPassProducts] = ([Role.ServiceDesk, Role.Operations], false),
        // A draft of the city's fares is tried by its back office alone (it reads every rider's rides in the city).
        [GatewayOperation.SimulatePolicy] = ([Role.Operations], false),
        // A city's back office registers its operators and terminals; the region's clearing reads the registry too.
        [GatewayOperation.ManageOperators] = ([Role.Operations], false),
        [GatewayOperation.ManageTerminals] = ([Role.Operations], false),
        [GatewayOperation.ReadRegistry] = ([Role.Operations, Role.Clearing], false),
    };

    public static IEnumerable<GatewayOperation> Operations => Matrix.Keys;

    /// <summary>Null when allowed, else the 403 code. A key of no city is the region's: it is at home at every gateway.</summary>
    public static string? Denial(GatewayOperation operation, City? keyCity, Role role, City gateway, City? cardIssuer)
    {
        var (roles, own) = Matrix[operation];
        if (keyCity is not null && keyCity != gateway)
        {
            return "KeyForAnotherCity";
        }

        if (!roles.Contains(role))
        {
            return "RoleNotAllowed";
        }

        return own && cardIssuer != gateway ? "NotCardIssuer" : null;
    }
}
