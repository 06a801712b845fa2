using System.Collections.Immutable;
using CityCard.Contracts;

namespace CityCard.Domain.Settlement;

/// <summary>
/// The clearing windows still in play (every window not yet settled) and the frontier: the latest business day whose
/// window has stopped taking postings. Decides which window a posting goes to.
/// </summary>
public sealed record WindowBook(ImmutableSortedDictionary<DateOnly, ClearingWindow> Windows, DateOnly? Frontier)
{
    public static WindowBook Empty { get; } = new(ImmutableSortedDictionary<DateOnly, ClearingWindow>.Empty, null);

    public ClearingWindow? Find(DateOnly date) => Windows.GetValueOrDefault(date);

    /// <summary>The window new business goes to: today's, unless today's has already been closed early.</summary>
    public DateOnly CurrentWindow(DateOnly today) => Frontier is { } f && f >= today ? f.AddDays(1) : today;

    /// <summary>
    /// The window for a posting whose business day is <paramref name="businessDay"/>: that day's window while it is
    /// open or closing; otherwise (a late offline tap, an event committed long after its time) the current open
    /// window as of when it was recorded, marked late. Never a closed window.
    /// </summary>
    public (DateOnly Window, bool Late) Place(DateOnly businessDay, DateOnly recordedDay)
    {
        if (Find(businessDay) is { Status: WindowStatus.Open or WindowStatus.Closing } || Frontier is not { } frontier || businessDay > frontier)
        {
            return (businessDay, false);
        }

        var next = frontier.AddDays(1);
        return (recordedDay > next ? recordedDay : next, true);
    }

    public WindowBook With(ClearingWindow window)
    {
        var frontier = window.Status == WindowStatus.Open || (Frontier is { } f && f >= window.Date) ? Frontier : window.Date;
        return new WindowBook(Windows.SetItem(window.Date, window), frontier);
    }

    /// <summary>Settled windows leave memory: nothing will change them again.</summary>
    public WindowBook Without(DateOnly date) => this with { Windows = Windows.Remove(date) };

    public IEnumerable<ClearingWindow> WithStatus(WindowStatus status) => Windows.Values.Where(w => w.Status == status);
}
