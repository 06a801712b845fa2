using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>Which cards an operation may touch from a city's gateway.</summary>
public enum CardScope
{
    /// <summary>Any card of the region, or no card at all (acquiring: taps and top-ups; the hotlist).</summary>
    AnyCard = 1,

    /// <summary>Only cards the gateway's city issued (the issuer's business: status changes, the holder's data).</summary>
    OwnCards = 2,

    /// <summary>No card: the region's clearing, or the gateway's own city's books (which only its keys reach).</summary>
    NoCard = 3,
}

public sealed record AccessRule(IReadOnlySet<Role> Roles, CardScope Scope);

/// <summary>Why a caller was refused; each is a 403 with this name as its code.</summary>
public enum AccessDenial
{
    /// <summary>The key belongs to another city: each city's keys work at its own gateway only.</summary>
    KeyForAnotherCity = 1,

    /// <summary>The key's role may not do this.</summary>
    RoleNotAllowed = 2,

    /// <summary>Only the card's issuer may do this, and the card belongs to another city.</summary>
    NotCardIssuer = 3,
}

/// <summary>
/// The authorisation matrix of the gateways, as data and one pure function. It follows the domain: a city issues,
/// blocks, unblocks, replaces and closes only its own cards and alone reads their holders' data; any city's terminals
/// charge and top up any card (acquiring); a reversal is made by the city that took the charge, which the gateway
/// guarantees by scoping operation ids to the city (see <c>OperationIds</c>). A city's key works at its own gateway only;
/// the region's keys (the clearing role) at every gateway. The clearing rows are in <see cref="ClearingAccess"/>; replay
/// verification, disputes and reconciliation in <see cref="IntegrityAccess"/>.
/// </summary>
public static class AccessRules
{
    private static readonly Role[] TerminalOnly = [Role.Terminal];
    private static readonly Role[] Desk = [Role.ServiceDesk];
    private static readonly Role[] Acquiring = [Role.Terminal, Role.ServiceDesk];
    private static readonly Role[] Readers = [Role.ServiceDesk, Role.Operations];

    public static IReadOnlyDictionary<GatewayOperation, AccessRule> Table { get; } = new Dictionary<GatewayOperation, AccessRule>(ClearingAccess.Rules.Concat(IntegrityAccess.Rules))
    {
        [GatewayOperation.IssueCard] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.TopUp] = Rule(Acquiring, CardScope.AnyCard),
        [GatewayOperation.Charge] = Rule(TerminalOnly, CardScope.AnyCard),
        [GatewayOperation.UploadTaps] = Rule(TerminalOnly, CardScope.AnyCard),
        [GatewayOperation.ReverseCharge] = Rule(Acquiring, CardScope.AnyCard),
        [GatewayOperation.BlockCard] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.UnblockCard] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.ReplaceCard] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.CloseCard] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.ViewCard] = Rule(Readers, CardScope.OwnCards),
        [GatewayOperation.ReadHistory] = Rule(Readers, CardScope.OwnCards),
        [GatewayOperation.ReadHotlist] = Rule([Role.Terminal, Role.ServiceDesk, Role.Operations], CardScope.AnyCard),

        // The cards of a batch file are checked to be the gateway's city's as the file is read (CardOfAnotherCity).
        [GatewayOperation.IssueBatch] = Rule(Readers, CardScope.NoCard),
        [GatewayOperation.ReadIssueBatch] = Rule(Readers, CardScope.NoCard),
        [GatewayOperation.ReadReferenceData] = Rule([Role.Terminal, Role.ServiceDesk, Role.Operations, Role.Clearing], CardScope.NoCard),
        [GatewayOperation.SellPass] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.RefundPass] = Rule(Desk, CardScope.OwnCards),
        [GatewayOperation.ReadPassProducts] = Rule(Readers, CardScope.NoCard),
        [GatewayOperation.SimulatePolicy] = Rule([Role.Operations], CardScope.NoCard),

        // The registry of operators and terminals: kept by the city's back office, read by it and the region's clearing.
        [GatewayOperation.ManageOperators] = Rule([Role.Operations], CardScope.NoCard),
        [GatewayOperation.ManageTerminals] = Rule([Role.Operations], CardScope.NoCard),
        [GatewayOperation.ReadRegistry] = Rule([Role.Operations, Role.Clearing], CardScope.NoCard),
    };

    /// <summary>
    /// Null when <paramref name="caller"/> may do <paramref name="operation"/> at <paramref name="gatewayCity"/>'s
    /// gateway on a card issued by <paramref name="cardIssuer"/> (null for operations on no single card).
    /// </summary>
    public static AccessDenial? Check(Caller caller, City gatewayCity, GatewayOperation operation, City? cardIssuer) =>
        CheckCaller(caller, gatewayCity, operation) ?? CheckCard(gatewayCity, operation, cardIssuer);

    /// <summary>
    /// The half of <see cref="Check"/> that needs no card: the key's city and role. The gateway asks it before it reads
    /// anything of the request, so a key that may not do this learns nothing more about it.
    /// </summary>
    public static AccessDenial? CheckCaller(Caller caller, City gatewayCity, GatewayOperation operation)
    {
        if (caller.City is { } keyCity && keyCity != gatewayCity)
        {
            return AccessDenial.KeyForAnotherCity;
        }

        return Table[operation].Roles.Contains(caller.Role) ? null : AccessDenial.RoleNotAllowed;
    }

    /// <summary>The half of <see cref="Check"/> about the card: an issuer's operation on another city's card.</summary>
    public static AccessDenial? CheckCard(City gatewayCity, GatewayOperation operation, City? cardIssuer) =>
        Table[operation].Scope == CardScope.OwnCards && cardIssuer != gatewayCity ? AccessDenial.NotCardIssuer : null;

    internal static AccessRule Rule(Role[] roles, CardScope scope) => new(roles.ToHashSet(), scope);
}
