using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.WebUtilities;

namespace CityCard.Gateway.Http;

/// <summary>
/// Recognises one of Kestrel's own bodiless error answers in a connection's output and writes the problem that replaces
/// it: the same head (Date, Connection: close…) with the status, reason, code and detail of <see cref="StatusProblems"/>,
/// <c>application/problem+json</c> and its length. Plugged into every listener by <see cref="Middleware"/>.
/// </summary>
public static class ServerAnswer
{
    private static ReadOnlySpan<byte> StatusLinePrefix => "HTTP/1.1 "u8;

    private static ReadOnlySpan<byte> EndOfHead => "\r\n\r\n"u8;

    /// <summary>Wraps each connection's output in a <see cref="ServerAnswerWriter"/>.</summary>
    public static ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        var transport = connection.Transport;
        try
        {
            connection.Transport = new Duplex(transport.Input, new ServerAnswerWriter(transport.Output));
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    };

    /// <summary>
    /// The problem that replaces <paramref name="flushed"/> when it is one of the server's own answers (nothing but a
    /// head with an error status and <c>Content-Length: 0</c>), or null.
    /// </summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> flushed)
    {
        if (!flushed.StartsWith(StatusLinePrefix) || !flushed.EndsWith(EndOfHead) || flushed.IndexOf(EndOfHead) != flushed.Length - EndOfHead.Length
            || flushed.Length < StatusLinePrefix.Length + 3 || !int.TryParse(flushed.Slice(StatusLinePrefix.Length, 3), out var status) || status < 400)
        {
            return null;
        }

        var lines = Lines(flushed[..^EndOfHead.Length]);
        if (!lines.Skip(1).Any(l => IsHeader(l, "Content-Length") && l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() == "0"))
        {
            return null;
        }

        var (answered, code, detail) = StatusProblems.For(status);
        var body = Body(answered, code, detail);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(answered).Append(' ').Append(ReasonPhrases.GetReasonPhrase(answered)).Append("\r\n")
            .Append("Content-Type: application/problem+json\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !IsHeader(l, "Content-Length") && !IsHeader(l, "Content-Type")))
        {
            head.Append(line).Append("\r\n");
        }

        return [.. Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), .. body];
    }

    private static byte[] Body(int status, string code, string detail)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", $"/docs#{code}");
            json.WriteString("title", Problems.Title(code));
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("code", code);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string[] Lines(ReadOnlySpan<byte> head) => Encoding.ASCII.GetString(head).Split("\r\n");

    private static bool IsHeader(string line, string name) =>
        line.Length > name.Length && line[name.Length] == ':' && line.StartsWith(name, StringComparison.OrdinalIgnoreCase);

    private sealed class Duplex(System.IO.Pipelines.PipeReader input, System.IO.Pipelines.PipeWriter output) : System.IO.Pipelines.IDuplexPipe
    {
        public System.IO.Pipelines.PipeReader Input => input;

        public System.IO.Pipelines.PipeWriter Output => output;
    }
}
