using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>
/// The one identifier character set of the region: ASCII letters and digits and <c>. _ : -</c>, nothing else (no
/// spaces, no control characters, no other scripts' digits). Operation ids, terminal, merchant, route and station ids,
/// case ids and references all follow it, each with its own length.
/// </summary>
public static class Identifier
{
    /// <summary>The characters, as the rule reads in every refusal: "1 to 32 letters, digits or . _ : -".</summary>
    public const string Characters = "letters, digits or . _ : -";

    public static bool IsValid(string? text, int maxLength) =>
        !string.IsNullOrEmpty(text) && text.Length <= maxLength && text.All(IsCharacter);

    public static bool IsCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-';
}

/// <summary>A validated identifier: made only by its one <c>TryParse</c>, so holding one means it was checked.</summary>
public interface IIdentifier<TSelf>
    where TSelf : struct, IIdentifier<TSelf>
{
    string Value { get; }

    static abstract bool TryParse(string? text, out TSelf id);
}

/// <summary>An identifier in JSON is its plain string, as it always was; reading one checks it.</summary>
public sealed class IdentifierJsonConverter<T> : JsonConverter<T>
    where T : struct, IIdentifier<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        T.TryParse(reader.GetString(), out var id) ? id : throw new JsonException($"Not a valid {typeof(T).Name}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
