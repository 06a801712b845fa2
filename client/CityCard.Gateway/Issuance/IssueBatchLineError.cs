namespace CityCard.Gateway.Issuance;

/// <summary>One line of a batch file that cannot be issued: its number (1-based; 0 for the file as a whole), a named code and why.</summary>
public sealed record IssueBatchLineError(int Line, string Code, string Detail);

/// <summary>The codes of <see cref="IssueBatchLineError"/>; clients branch on these names.</summary>
public static class IssueBatchLineCodes
{
    public const string UnknownRecord = nameof(UnknownRecord);
    public const string MalformedRecord = nameof(MalformedRecord);
    public const string RecordTooLong = nameof(RecordTooLong);
    public const string DuplicateSetting = nameof(DuplicateSetting);
    public const string MissingSetting = nameof(MissingSetting);
    public const string InvalidBatchId = nameof(InvalidBatchId);
    public const string UnknownProduct = nameof(UnknownProduct);
    public const string UnknownChannel = nameof(UnknownChannel);
    public const string MalformedCardNumber = nameof(MalformedCardNumber);
    public const string CardOfAnotherCity = nameof(CardOfAnotherCity);
    public const string InvalidRange = nameof(InvalidRange);
    public const string DuplicateCard = nameof(DuplicateCard);
}
