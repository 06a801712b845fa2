using System.Collections;

namespace CityCard.Domain.Fares;

/// <summary>The first <c>count</c> items of a list, without copying: "the rides before this one".</summary>
internal sealed class ListPrefix<T>(IReadOnlyList<T> list, int count) : IReadOnlyList<T>
{
    public int Count { get; } = count;

    public T this[int index] => (uint)index < (uint)Count ? list[index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return list[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
