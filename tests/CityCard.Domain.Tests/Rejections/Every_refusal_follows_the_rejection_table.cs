namespace CityCard.Domain.Tests.Rejections;

public sealed class Every_refusal_follows_the_rejection_table
{
    public static TheoryData<RejectionCase> Cases => new(RejectionTable.Rows);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_request_is_refused_with_its_code(RejectionCase row)
    {
        var before = CardEvolver.Fold(CardState.Initial(row.Card), row.Given);

        var decision = CardDecider.Decide(before, row.Request, row.Now, TestPolicies.Default);

        if (row.Recorded)
        {
            // A tap on an issued card: exactly one ChargeRefused with the reason, and no money moves.
            var append = Assert.IsType<CardDecision.Append>(decision);
            var refused = Assert.IsType<ChargeRefused>(Assert.Single(append.Events));
            Assert.Equal(row.Code, refused.Reason);
            Assert.Equal(row.Request.OperationId, refused.OperationId);
            var after = CardEvolver.Fold(before, append.Events);
            Assert.Equal(before.Balance, after.Balance);
            Assert.Equal(before.Status, after.Status);
        }
        else
        {
            // Refused without trace: a Reject carries no events, so the stream and the state stay as they were.
            var reject = Assert.IsType<CardDecision.Reject>(decision);
            Assert.Equal(row.Code, reject.Code);
            Assert.False(string.IsNullOrWhiteSpace(reject.Detail));
        }
    }

    [Fact]
    public void Every_rejection_code_has_a_row()
    {
        // MalformedCardNumber is the one code the decider never gives: it always receives a parsed CardNumber. The
        // grain's caller (the client or gateway) produces it when CardNumber.TryParse refuses the text.
        var producedElsewhere = new[] { RejectionCode.MalformedCardNumber };

        var covered = RejectionTable.Rows.Select(r => r.Code).ToHashSet();
        var missing = Enum.GetValues<RejectionCode>().Except(producedElsewhere).Where(c => !covered.Contains(c)).ToList();

        Assert.Empty(missing);
        Assert.DoesNotContain(RejectionCode.MalformedCardNumber, covered);
    }

    [Fact]
    public void Row_names_are_unique()
    {
        var duplicates = RejectionTable.Rows.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }
}
