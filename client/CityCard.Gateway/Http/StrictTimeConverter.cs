using System.Text.Json;
using System.Text.Json.Serialization;
using CityCard.Http;

namespace CityCard.Gateway.Http;

/// <summary>
/// Times in JSON through the one reader of times (<see cref="WireTime"/>). System.Text.Json's own converter reads a
/// time without an offset (<c>"2026-12-03T06:52:35"</c>) or a bare date as a moment in UTC; the CSV and query readers
/// refused the same text, so one tap meant different instants depending on how it came. Registered once in
/// <see cref="GatewayJson"/>, so it reads every time field of every JSON body and JSON Lines record, and
/// <c>DateTimeOffset?</c> fields too (an explicit null stays "absent" there).
/// </summary>
public sealed class StrictTimeConverter : JsonConverter<DateTimeOffset>
{
    // A required time given as null is a bad time, not a null the serializer complains about in its own words.
    public override bool HandleNull => true;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            throw new InvalidTimeException($"is null; a time is ISO 8601 with seconds and an offset (Z or ±hh:mm), e.g. {WireTime.Example}.");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidTimeException($"is not a string; a time is ISO 8601 with seconds and an offset (Z or ±hh:mm), e.g. {WireTime.Example}.");
        }

        // Longer than any time: refused without building a string of it.
        if ((reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > 6 * (WireTime.MaxLength + 8))
        {
            throw new InvalidTimeException($"is not a time; a time is ISO 8601 with seconds and an offset (Z or ±hh:mm), e.g. {WireTime.Example}.");
        }

        return WireTime.TryParse(reader.GetString(), out var time, out var problem) ? time : throw new InvalidTimeException(problem);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}

/// <summary>A time field that <see cref="WireTime"/> refused; its message completes "'field' …".</summary>
public sealed class InvalidTimeException(string problem) : JsonException(problem);
