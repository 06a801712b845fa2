using CityCard.Contracts;
using CityCard.Domain.Cards;
using CityCard.Grains.Cards;
using CityCard.Integration.Tests.Infrastructure;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CityCard.Integration.Tests.Infrastructure.Requests;

namespace CityCard.Integration.Tests.Issuance;

/// <summary>
/// Bulk issuance on the real cluster and PostgreSQL, with the clearing house run by the test: a bulk-issued card is a
/// singly issued card in every way that matters (its event and row, its chain, its operation id, what it can do, the
/// deposit in the ledgers); the same batch again issues nothing; a run stopped part-way resumes without a card twice;
/// a card number already in use is reported and left alone.
/// </summary>
public sealed class BulkIssuanceTests(DrivenClearingFixture fixture) : IClassFixture<DrivenClearingFixture>
{
    [Fact]
    public async Task A_bulk_issued_card_is_a_singly_issued_card()
    {
        var batch = NewBatch(City.LZ, 12);
        var single = CardNumber.Create(City.LZ, batch.Serials[0].Last + 1);
        var deposit = DepositOf(batch);
        Assert.True((await fixture.Cards.IssueAsync(single, new IssueCardRequest(NewOp("issue"), City.LZ, ProductCode.Standard, deposit))).IsAccepted);

        // A grain that saw the card before it was issued must not go on believing it was never issued.
        var bulkCard = CardNumber.Create(City.LZ, batch.Serials[0].First);
        Assert.Equal(CardStatus.NotIssued, (await fixture.Cards.GetViewAsync(bulkCard)).Status);

        var beforeTheBatch = DateTimeOffset.UtcNow;
        var status = await IssueAsync(batch);
        Assert.Equal((IssueBatchState.Completed, 12L, 12L, 0L), (status.State, status.Processed, status.Issued, status.InUse));

        // The same event as a single issue's, but for the card, the operation id and the moment.
        var bulkEvent = Assert.Single(await ReadAsync(bulkCard));
        var singleEvent = Assert.Single(await ReadAsync(single));
        var issued = Assert.IsType<CardIssued>(bulkEvent.Data);
        Assert.Equal(Assert.IsType<CardIssued>(singleEvent.Data) with { OperationId = batch.OperationId, Card = bulkCard, RecordedAt = issued.RecordedAt }, issued);
        Assert.Equal((singleEvent.EventTypeName, singleEvent.DotNetTypeName, 1L), (bulkEvent.EventTypeName, bulkEvent.DotNetTypeName, bulkEvent.Version));

        // Its row's timestamp is when it was written (the column's default in Marten's schema is the schema's own birth).
        Assert.True(bulkEvent.Timestamp >= beforeTheBatch.AddSeconds(-1), $"the bulk-issued event is stamped {bulkEvent.Timestamp:O}, before its batch ran ({beforeTheBatch:O})");

        // The row as Marten and the projection read it: same columns filled, the chain link in the headers.
        Assert.Equal(await RowShapeAsync(single), await RowShapeAsync(bulkCard));
        Assert.True((await fixture.Cards.VerifyAsync(bulkCard)).Verified);

        // It does what any card does, and its operation id is registered like any other.
        Assert.True((await fixture.Cards.TopUpAsync(bulkCard, TopUp(5_000, City.LZ))).IsAccepted);
        var charged = await fixture.Cards.ChargeAsync(bulkCard, Charge(1_200, fixture.Now, City.ZG));
        Assert.True(charged.IsAccepted);
        var view = await fixture.Cards.GetViewAsync(bulkCard);
        Assert.Equal((CardStatus.Active, 3_800L, 3L), (view.Status, view.Balance.Fen, view.Version));
        var reissue = await fixture.Cards.IssueAsync(bulkCard, new IssueCardRequest(batch.OperationId, City.LZ, ProductCode.Standard, deposit));
        Assert.True(reissue.IsReplay);

        // Every card's deposit posts, exactly as the single issue's does.
        await fixture.Clearing.CatchUpAsync();
        var postings = await fixture.PostingsOfAsync(batch.OperationId);
        var singlePostings = await fixture.PostingsOfAsync(singleEvent.Data is CardIssued s ? s.OperationId : "");
        Assert.NotEmpty(singlePostings);
        Assert.Equal(12 * singlePostings.Count, postings.Count);
        Assert.Equal(
            singlePostings.Select(p => (p.City, p.Account, p.Amount)).Order(),
            postings.Take(singlePostings.Count).Select(p => (p.City, p.Account, p.Amount)).Order());
    }

    [Fact]
    public async Task The_same_batch_again_issues_nothing_and_answers_the_first_result_and_other_content_is_a_conflict()
    {
        var batch = NewBatch(City.ZG, 6);
        var first = await IssueAsync(batch);
        var events = await EventCountAsync(batch);

        var again = await fixture.Cluster.Client.IssueBatch(batch.Issuer, batch.BatchId).Start(batch);
        Assert.True(again.IsReplay);
        Assert.Equal((IssueBatchState.Completed, first.Issued, first.CompletedAt), (again.State, again.Issued, again.CompletedAt));
        Assert.Equal(events, await EventCountAsync(batch));

        var other = batch with { Product = ProductCode.Student };
        var conflict = await fixture.Cluster.Client.IssueBatch(batch.Issuer, batch.BatchId).Start(other);
        Assert.Equal((IssueBatchState.Rejected, RejectionCode.OperationConflict), (conflict.State, conflict.Rejection));
        Assert.Equal(events, await EventCountAsync(batch));
    }

    [Fact]
    public async Task A_card_number_already_in_use_is_reported_and_never_overwritten()
    {
        var batch = NewBatch(City.NJ, 8);
        var taken = CardNumber.Create(City.NJ, batch.Serials[0].First + 3);
        Assert.True((await fixture.Cards.IssueAsync(taken, new IssueCardRequest(NewOp("issue"), City.NJ, ProductCode.Standard, DepositOf(batch)))).IsAccepted);
        Assert.True((await fixture.Cards.TopUpAsync(taken, TopUp(777, City.NJ))).IsAccepted);

        var status = await IssueAsync(batch);

        Assert.Equal((7L, 1L), (status.Issued, status.InUse));
        Assert.Equal([taken.Value], status.InUseCards);
        var kept = await ReadAsync(taken);
        Assert.Equal(2, kept.Count);
        Assert.NotEqual(batch.OperationId, ((CardEvent)kept[0].Data).OperationId);
        Assert.Equal(777L, (await fixture.Cards.GetViewAsync(taken)).Balance.Fen);
    }

    [Fact]
    public async Task A_run_stopped_half_way_resumes_and_issues_no_card_twice()
    {
        var batch = NewBatch(City.YB, 12);
        var services = fixture.Cluster.GetSiloServiceProvider();
        var stopping = new BulkIssuer(
            services.GetRequiredService<Grains.Storage.BulkIssueWriter>(),
            services.GetRequiredService<Domain.Policies.PolicySet>(),
            services.GetRequiredService<TimeProvider>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BulkIssuer>.Instance) { ChunkSize = 5 };

        // The run dies after its first chunk (5 cards) has committed.
        Assert.Equal(IssueBatchState.Running, (await stopping.BeginAsync(batch)).State);
        using var death = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopping.RunAsync(batch, _ => death.Cancel(), death.Token));
        var interrupted = await fixture.Cluster.Client.IssueBatch(batch.Issuer, batch.BatchId).GetStatus();
        Assert.Equal((IssueBatchState.Interrupted, 5L, 5L), (interrupted.State, interrupted.Processed, interrupted.Issued));

        // Starting the same batch again resumes it: every card once, every deposit once in the ledgers.
        var resumed = await IssueAsync(batch);
        Assert.Equal((IssueBatchState.Completed, 12L, 12L, 0L), (resumed.State, resumed.Processed, resumed.Issued, resumed.InUse));
        Assert.Equal(12L, await EventCountAsync(batch));
        await fixture.Clearing.CatchUpAsync();
        var postings = await fixture.PostingsOfAsync(batch.OperationId);
        var perCard = postings.Count / 12;
        Assert.Equal(12 * perCard, postings.Count);
        Assert.True(perCard > 0);
        var balance = await fixture.Clearing.GetTrialBalanceAsync(City.YB);
        Assert.True(balance.IsBalanced);
    }

    [Fact]
    public async Task Chunks_copied_side_by_side_commit_in_order_and_count_each_card_once()
    {
        // Chunks of 3 with two copying at once: a card in use in the third chunk, the last chunk short.
        var batch = NewBatch(City.LZ, 14);
        var taken = CardNumber.Create(City.LZ, batch.Serials[0].First + 7);
        Assert.True((await fixture.Cards.IssueAsync(taken, new IssueCardRequest(NewOp("issue"), City.LZ, ProductCode.Standard, DepositOf(batch)))).IsAccepted);
        var services = fixture.Cluster.GetSiloServiceProvider();
        var issuer = new BulkIssuer(
            services.GetRequiredService<Grains.Storage.BulkIssueWriter>(),
            services.GetRequiredService<Domain.Policies.PolicySet>(),
            services.GetRequiredService<TimeProvider>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BulkIssuer>.Instance) { ChunkSize = 3, WritesInFlight = 2 };

        Assert.Equal(IssueBatchState.Running, (await issuer.BeginAsync(batch)).State);
        var reported = new List<long>();
        var done = await issuer.RunAsync(batch, reported.Add);

        Assert.Equal([3L, 6L, 9L, 12L, 14L], reported);
        Assert.Equal((IssueBatchState.Completed, 14L, 13L, 1L), (done.State, done.Processed, done.Issued, done.InUse));
        Assert.Equal([taken.Value], done.InUseCards);
        Assert.Equal(13L + 1L, await EventCountAsync(batch));
        Assert.Single(await ReadAsync(taken));
        var again = await issuer.RunAsync(batch);
        Assert.Equal((14L, 13L), (again.Processed, again.Issued));
        Assert.Equal(14L, await EventCountAsync(batch));
    }

    private static int nextBase = Random.Shared.Next(1_000, 9_000);

    /// <summary>A batch of <paramref name="cards"/> standard cards whose serials no other test uses.</summary>
    private static IssueBatchRequest NewBatch(City city, int cards)
    {
        var first = (long)Interlocked.Increment(ref nextBase) * 100_000;
        return new IssueBatchRequest($"b-{Guid.NewGuid():N}"[..30], city, ProductCode.Standard, IssueChannel.School, [new CardSerialRange(first, first + cards - 1)]);
    }

    private Money DepositOf(IssueBatchRequest batch) =>
        fixture.Cluster.GetSiloServiceProvider().GetRequiredService<Domain.Policies.PolicySet>().ProductAt(batch.Issuer, batch.Product, fixture.Now)!.Deposit;

    /// <summary>Starts the batch through its grain and waits until it is no longer running.</summary>
    private async Task<IssueBatchStatus> IssueAsync(IssueBatchRequest batch)
    {
        var grain = fixture.Cluster.Client.IssueBatch(batch.Issuer, batch.BatchId);
        var status = await grain.Start(batch);
        for (var i = 0; status.State == IssueBatchState.Running && i < 600; i++)
        {
            await Task.Delay(50);
            status = await grain.GetStatus();
        }

        return status;
    }

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> ReadAsync(CardNumber card)
    {
        await using var session = fixture.Store.QuerySession();
        return await session.Events.FetchStreamAsync(card.Value);
    }

    private async Task<long> EventCountAsync(IssueBatchRequest batch)
    {
        var cards = batch.Serials.SelectMany(r => Enumerable.Range(0, (int)r.Count).Select(i => CardNumber.Create(batch.Issuer, r.First + i).Value)).ToArray();
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from citycard.mt_events where stream_id = any($1)", connection) { Parameters = { new() { Value = cards } } };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Which columns of the card's first event row are filled, and the shape of its headers.</summary>
    private async Task<string> RowShapeAsync(CardNumber card)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select string_agg(key || '=' || case when value is null or value = 'null'::jsonb then 'null' else 'set' end, ',' order by key) from jsonb_each(to_jsonb(e) - 'headers')), " +
            "(select string_agg(key, ',') from jsonb_object_keys(e.headers) key), length(e.headers ->> 'chain'), s.version, s.is_archived " +
            "from citycard.mt_events e join citycard.mt_streams s on s.id = e.stream_id where e.stream_id = $1 and e.version = 1", connection)
        {
            Parameters = { new() { Value = card.Value } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return $"{reader.GetString(0)} | headers {reader.GetString(1)} | chain {reader.GetInt32(2)} | stream v{reader.GetInt64(3)} archived {reader.GetBoolean(4)}";
    }
}
