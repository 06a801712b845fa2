namespace CityCard.Domain.Cards;

/// <summary>
/// A card event that changes neither balance nor deposit and posts nothing to any ledger. Declared on the event
/// itself, so that saying so is a decision made where the event is defined: <see cref="CardMoney"/> and
/// <c>PostingRules</c> still refuse an event that neither declares this nor has an arm of its own.
/// </summary>
public interface IMovesNoMoney;
