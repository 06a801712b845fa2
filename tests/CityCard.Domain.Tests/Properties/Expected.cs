namespace CityCard.Domain.Tests.Properties;

/// <summary>What the reference model says a request must come to.</summary>
public abstract record Expected
{
    private Expected()
    {
    }

    public static Expected Append<TEvent>()
        where TEvent : CardEvent => new Appends(typeof(TEvent));

    /// <summary>One event of this type is appended.</summary>
    public sealed record Appends(Type EventType) : Expected;

    /// <summary>A tap is refused and the refusal recorded.</summary>
    public sealed record RecordsRefusal(RejectionCode Reason) : Expected;

    /// <summary>The first outcome is replayed; nothing is appended.</summary>
    public sealed record Replays : Expected;

    /// <summary>Refused without trace.</summary>
    public sealed record Rejects(RejectionCode Code) : Expected;
}
