using CityCard.Contracts;

namespace CityCard.Gateway.Access;

/// <summary>Why a registered terminal's tap was refused: a problem code, its HTTP status and a detail.</summary>
public sealed record TerminalRefusal(string Code, int Status, string Detail);

/// <summary>
/// What a registered terminal's own key may charge (docs/decisions/0091), as one pure function: only as itself (its
/// terminal id), only for its operator (the charge's merchantId), only in a category its operator may charge, and only
/// while it and its operator are active. A city-wide terminal key (no <see cref="Caller.Terminal"/>) is not checked
/// here: it is the unsafe setting <c>Gateway:AllowCityTerminalKeys</c>.
/// </summary>
public static class TerminalBinding
{
    public const string TerminalNotActive = nameof(TerminalNotActive);
    public const string TerminalMismatch = nameof(TerminalMismatch);
    public const string OperatorMismatch = nameof(OperatorMismatch);
    public const string CategoryNotAllowed = nameof(CategoryNotAllowed);

    /// <summary>Null when the terminal may make this charge; else why not. Status first: an inactive terminal charges nothing.</summary>
    public static TerminalRefusal? Check(TerminalCredential terminal, string? terminalId, string? merchantId, Category category)
    {
        if (NotActive(terminal) is { } inactive)
        {
            return inactive;
        }

        if (!string.Equals(terminalId, terminal.TerminalId, StringComparison.Ordinal))
        {
            return new(TerminalMismatch, 403, $"This is terminal {terminal.TerminalId}'s key; it cannot charge as terminal '{terminalId}'.");
        }

        if (!string.Equals(merchantId, terminal.OperatorId, StringComparison.Ordinal))
        {
            return new(OperatorMismatch, 403, $"Terminal {terminal.TerminalId} belongs to operator {terminal.OperatorId}; it cannot charge for '{merchantId}'.");
        }

        return terminal.Categories.Contains(category)
            ? null
            : new(CategoryNotAllowed, 422, $"Operator {terminal.OperatorId} may charge {string.Join(", ", terminal.Categories)}, not {category}.");
    }

    /// <summary>A suspended or retired terminal, or one of a suspended operator, charges nothing.</summary>
    public static TerminalRefusal? NotActive(TerminalCredential terminal) => terminal switch
    {
        { Status: not TerminalStatus.Active } => new(TerminalNotActive, 403, $"Terminal {terminal.TerminalId} is {terminal.Status}: its taps are refused (and recorded)."),
        { OperatorStatus: not OperatorStatus.Active } => new(TerminalNotActive, 403, $"Terminal {terminal.TerminalId}'s operator {terminal.OperatorId} is {terminal.OperatorStatus}: its taps are refused (and recorded)."),
        _ => null,
    };
}
