namespace CityCard.Contracts;

/// <summary>A clearing window as it stands. Times are our clock's; <see cref="CutOffAt"/> is when the window stopped taking new business.</summary>
[GenerateSerializer, Immutable, Alias("citycard.window-view")]
public sealed record WindowView(
    DateOnly Window,
    WindowStatus Status,
    DateTimeOffset CutOffAt,
    DateTimeOffset? CloseRequestedAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? SettledAt,
    string? BankReference,
    DateTimeOffset? AbortedAt,
    string? AbortReason,
    DateOnly? CarriedInto);
