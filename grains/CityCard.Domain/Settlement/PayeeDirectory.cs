using System.Collections.Immutable;
using CityCard.Contracts;
using CityCard.Domain.Projection;

namespace CityCard.Domain.Settlement;

/// <summary>A registered operator as a settlement needs it: where its money goes, and whether it may be paid now.</summary>
public sealed record Payee(SettlementAccount Account, OperatorStatus Status);

/// <summary>
/// What a window's close needs to know to pay operators (docs/decisions/0093): the registries' operators, per city,
/// and the suspense each operator may have released to it now (its suspense balance, less what windows closed and not
/// yet settled have already released). Read by the clearing house before a cycle that can close a window.
/// </summary>
public sealed record PayeeDirectory(
    ImmutableDictionary<(City City, string Operator), Payee> Operators,
    ImmutableDictionary<(City City, string Operator), Money> Releasable)
{
    public static PayeeDirectory Empty { get; } = new(
        ImmutableDictionary<(City, string), Payee>.Empty, ImmutableDictionary<(City, string), Money>.Empty);

    /// <summary>
    /// The directory from the registries and the ledgers' suspense balances (held amounts, credit positive). What a
    /// closed, unsettled window releases is posted only at its confirmation, so it is taken off here: a suspense balance
    /// is released once, whatever order windows close and settle in.
    /// </summary>
    public static PayeeDirectory From(
        IEnumerable<(City City, string Operator, Payee Payee)> operators,
        IEnumerable<(City City, string Operator, Money Held)> suspense,
        WindowBook book)
    {
        var releasable = new Dictionary<(City, string), Money>();
        foreach (var (city, op, held) in suspense)
        {
            releasable[(city, op)] = releasable.GetValueOrDefault((city, op)) + held;
        }

        foreach (var payee in book.WithStatus(WindowStatus.Closed).SelectMany(w => w.Settlement?.Payees ?? []))
        {
            releasable[(payee.City, payee.Operator)] = releasable.GetValueOrDefault((payee.City, payee.Operator)) - payee.Released;
        }

        return new PayeeDirectory(
            operators.ToImmutableDictionary(o => (o.City, o.Operator), o => o.Payee),
            releasable.Where(r => r.Value != Money.Zero).ToImmutableDictionary());
    }

    /// <summary>
    /// The directory a live window's report was settled with, so that a rebuild of the ledgers pays and holds exactly
    /// as the live close did (the registry may have changed since).
    /// </summary>
    public static PayeeDirectory AsSettledIn(SettlementReport report) => new(
        (report.Payees ?? []).Where(p => p.Account is not null)
            .ToImmutableDictionary(p => (p.City, p.Operator), p => new Payee(p.Account!, p.HeldBecause is null ? OperatorStatus.Active : OperatorStatus.Suspended)),
        (report.Payees ?? []).Where(p => p.Released != Money.Zero).ToImmutableDictionary(p => (p.City, p.Operator), p => p.Released));
}
