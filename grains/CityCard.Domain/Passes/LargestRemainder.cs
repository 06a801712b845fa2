namespace CityCard.Domain.Passes;

/// <summary>
/// Splits a whole number of fen among parties in proportion to their weights, exactly: each gets the floor of its
/// exact share, and the fen left over (fewer than the parties) go one each to the largest remainders (Hamilton's
/// method). Ties go to the larger weight, then to the party first in the given order, so the split is the same on
/// every machine and in every replay. Integer arithmetic throughout (128-bit products): no fen is created or lost.
/// </summary>
public static class LargestRemainder
{
    /// <param name="total">Zero or more fen.</param>
    /// <param name="weights">Zero or more each, in the parties' tie-break order; if they sum to zero nothing can be split.</param>
    public static long[] Split(long total, IReadOnlyList<long> weights)
    {
        if (total < 0 || weights.Any(w => w < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(total), "Only a non-negative amount is split, by non-negative weights.");
        }

        var sum = weights.Aggregate((Int128)0, (s, w) => s + w);
        if (sum == 0)
        {
            throw new ArgumentException("The weights sum to zero: there is nothing to split by.", nameof(weights));
        }

        var shares = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            shares[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            given += shares[i];
        }

        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenByDescending(i => weights[i])
            .ThenBy(i => i)
            .ToList();
        for (var k = 0; k < total - given; k++)
        {
            shares[order[k]]++;
        }

        return shares;
    }
}
