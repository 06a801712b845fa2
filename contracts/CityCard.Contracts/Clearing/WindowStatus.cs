using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// The life of a clearing window (one business day). Open → Closing → Closed → Settled, or Closed → Aborted.
/// The numbers are pinned: they are stored.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowStatus>))]
public enum WindowStatus
{
    /// <summary>Taking postings for its business day.</summary>
    Open = 1,

    /// <summary>Past its cut-off; waiting until every event committed before the cut-off has been projected.</summary>
    Closing = 2,

    /// <summary>Its settlement is computed and fixed; waiting for the settlement bank's confirmation.</summary>
    Closed = 3,

    /// <summary>The settlement bank confirmed that the money moved; dues and payouts are cleared in the ledgers.</summary>
    Settled = 4,

    /// <summary>Not settled, with a reason; its obligations roll into the next window that closes.</summary>
    Aborted = 5,
}
