namespace CityCard.Domain.Projection;

/// <summary>
/// Sequence numbers <see cref="From"/>..<see cref="To"/> that the projection has passed but not seen: taken by a
/// transaction that had not committed when it read past them. <see cref="SeenAt"/> is the database's clock just
/// after that read: any transaction that can still fill the hole began before it.
/// </summary>
public sealed record GapRange(long From, long To, DateTimeOffset SeenAt)
{
    public long Count => To - From + 1;

    public bool Contains(long sequence) => sequence >= From && sequence <= To;
}
