using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CityCard.Contracts;

namespace CityCard.Domain.Cards;

/// <summary>
/// What a batch of cards is, apart from how it is written: whether it is well formed, its fingerprint (the content a
/// second run under the same batch id must match), and its cards in a fixed order, cut into chunks from any offset, so
/// that a run that stopped after n cards resumes at card n + 1 of the very same cards. Pure.
/// </summary>
public static class IssueBatchRules
{
    /// <summary>Null when the batch may be issued, else why not (nothing of it is issued).</summary>
    public static (RejectionCode Code, string Detail)? Check(IssueBatchRequest batch)
    {
        if (!Identifier.IsValid(batch.BatchId, IssueBatchRequest.MaxBatchIdLength))
        {
            return (RejectionCode.InvalidOperationId, $"A batch id is 1 to {IssueBatchRequest.MaxBatchIdLength} {Identifier.Characters}");
        }

        if (batch.Serials.Count is 0 or > IssueBatchRequest.MaxRanges)
        {
            return (RejectionCode.InvalidOperationId, $"A batch names 1 to {IssueBatchRequest.MaxRanges} cards or ranges.");
        }

        long total = 0;
        CardSerialRange? previous = null;
        foreach (var range in batch.Serials.OrderBy(r => r.First))
        {
            if (range.First < 0 || range.Last > 999_999_999 || range.Last < range.First)
            {
                return (RejectionCode.MalformedCardNumber, $"A range runs from one nine-digit serial up to another, not {range.First}..{range.Last}.");
            }

            if (previous is not null && range.First <= previous.Last)
            {
                return (RejectionCode.MalformedCardNumber, $"The ranges {previous.First}..{previous.Last} and {range.First}..{range.Last} overlap: a batch names each card once.");
            }

            total += range.Count;
            previous = range;
        }

        return total > IssueBatchRequest.MaxCards
            ? (RejectionCode.InvalidOperationId, $"A batch issues at most {IssueBatchRequest.MaxCards} cards; this one names {total}.")
            : null;
    }

    /// <summary>A digest of everything the batch asks for; the same batch id with another fingerprint is a conflict.</summary>
    public static string Fingerprint(IssueBatchRequest batch)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{batch.Issuer}|{batch.Product}|{batch.Channel}");
        foreach (var range in batch.Serials)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{range.First}-{range.Last}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    /// <summary>Up to <paramref name="chunkSize"/> card numbers from <paramref name="offset"/> (0-based) of the batch's cards, in the order it names them.</summary>
    public static IReadOnlyList<CardNumber> Chunk(IssueBatchRequest batch, long offset, int chunkSize)
    {
        var skip = offset;
        var cards = new List<CardNumber>(chunkSize);
        foreach (var range in batch.Serials)
        {
            if (skip >= range.Count)
            {
                skip -= range.Count;
                continue;
            }

            for (var serial = range.First + skip; serial <= range.Last && cards.Count < chunkSize; serial++)
            {
                cards.Add(CardNumber.Create(batch.Issuer, serial));
            }

            skip = 0;
            if (cards.Count == chunkSize)
            {
                break;
            }
        }

        return cards;
    }
}
