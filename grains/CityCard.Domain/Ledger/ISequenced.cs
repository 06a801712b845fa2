namespace CityCard.Domain.Ledger;

/// <summary>Something with a place in the event store's global sequence.</summary>
public interface ISequenced
{
    long Sequence { get; }
}
