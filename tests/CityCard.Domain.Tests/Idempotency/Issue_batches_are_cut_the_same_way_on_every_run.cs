using CsCheck;

namespace CityCard.Domain.Tests.Idempotency;

/// <summary>
/// A batch's cards in a fixed order, cut into chunks from any offset: a run resumed after n cards, with any chunk
/// size, writes exactly the cards the first run had not written, each once. Its fingerprint is what a second run
/// under the same id must match.
/// </summary>
public sealed class Issue_batches_are_cut_the_same_way_on_every_run
{
    private static IssueBatchRequest Batch(params CardSerialRange[] ranges) =>
        new("term-2027", City.ZG, ProductCode.Student, IssueChannel.School, ranges);

    [Fact]
    public void Chunks_from_any_offset_and_of_any_size_cover_every_card_once_in_order()
    {
        var gen =
            from starts in Gen.Long[0, 9_000].Array[1, 6]
            from lengths in Gen.Int[1, 40].Array[6]
            from resumeAt in Gen.Int[0, 240]
            from first in Gen.Int[1, 50]
            from second in Gen.Int[1, 50]
            select (Ranges: starts.Distinct().Order().Select((s, i) => new CardSerialRange(s * 100, (s * 100) + lengths[i] - 1)).ToArray(), ResumeAt: resumeAt, First: first, Second: second);

        gen.Sample(x =>
        {
            var batch = Batch(x.Ranges);
            var all = x.Ranges.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => CardNumber.Create(City.ZG, r.First + i))).ToList();
            var stop = Math.Min(x.ResumeAt, all.Count);

            // The first run stops after `stop` cards; the resumed run cuts the rest with another size.
            var written = new List<CardNumber>();
            for (long offset = 0; offset < stop;)
            {
                var chunk = IssueBatchRules.Chunk(batch, offset, Math.Min(x.First, (int)(stop - offset)));
                written.AddRange(chunk);
                offset += chunk.Count;
            }

            for (long offset = stop; offset < all.Count;)
            {
                var chunk = IssueBatchRules.Chunk(batch, offset, x.Second);
                Assert.NotEmpty(chunk);
                written.AddRange(chunk);
                offset += chunk.Count;
            }

            Assert.Equal(all, written);
            Assert.Null(IssueBatchRules.Check(batch));
        }, iter: 500);
    }

    [Fact]
    public void The_same_content_has_the_same_fingerprint_and_other_content_another()
    {
        var batch = Batch(new CardSerialRange(1, 100), new CardSerialRange(500, 500));
        Assert.Equal(IssueBatchRules.Fingerprint(batch), IssueBatchRules.Fingerprint(Batch(new CardSerialRange(1, 100), new CardSerialRange(500, 500))));
        Assert.NotEqual(IssueBatchRules.Fingerprint(batch), IssueBatchRules.Fingerprint(batch with { Product = ProductCode.Senior }));
        Assert.NotEqual(IssueBatchRules.Fingerprint(batch), IssueBatchRules.Fingerprint(batch with { Channel = IssueChannel.Factory }));
        Assert.NotEqual(IssueBatchRules.Fingerprint(batch), IssueBatchRules.Fingerprint(batch with { Issuer = City.LZ }));
        Assert.NotEqual(IssueBatchRules.Fingerprint(batch), IssueBatchRules.Fingerprint(Batch(new CardSerialRange(1, 101), new CardSerialRange(500, 500))));
    }

    [Theory]
    [InlineData("overlap", RejectionCode.MalformedCardNumber)]
    [InlineData("backwards", RejectionCode.MalformedCardNumber)]
    [InlineData("too-many", RejectionCode.InvalidOperationId)]
    [InlineData("bad-id", RejectionCode.InvalidOperationId)]
    [InlineData("none", RejectionCode.InvalidOperationId)]
    public void A_batch_that_cannot_be_issued_is_refused_whole(string what, RejectionCode code)
    {
        var batch = what switch
        {
            "overlap" => Batch(new CardSerialRange(10, 20), new CardSerialRange(20, 30)),
            "backwards" => Batch(new CardSerialRange(20, 10)),
            "too-many" => Batch(new CardSerialRange(0, IssueBatchRequest.MaxCards)),
            "bad-id" => Batch(new CardSerialRange(1, 1)) with { BatchId = "no spaces allowed" },
            _ => Batch(),
        };

        Assert.Equal(code, IssueBatchRules.Check(batch)?.Code);
    }
}
