using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CityCard.Gateway.Http;

namespace CityCard.Gateway.Tests.Units;

/// <summary>
/// Kestrel's own bodiless error answers, recognised in a connection's output and given a problem body; everything
/// else passes through byte for byte, however Kestrel writes it.
/// </summary>
public sealed class The_servers_own_answers_become_problems
{
    private const string Date = "Date: Thu, 03 Dec 2026 08:00:00 GMT";

    [Theory]
    [InlineData(400, 400, "BadRequest")]
    [InlineData(408, 408, "RequestTimeout")]
    [InlineData(411, 411, "LengthRequired")]
    [InlineData(413, 413, "BodyTooLarge")]
    [InlineData(414, 414, "UriTooLong")]
    [InlineData(431, 431, "HeadersTooLarge")]
    [InlineData(505, 400, "BadRequest")]
    [InlineData(500, 500, "InternalError")]
    public void A_bodiless_error_head_becomes_a_problem_with_the_same_head(int status, int answered, string code)
    {
        var rewritten = ServerAnswer.Rewrite(Head($"HTTP/1.1 {status} Whatever\r\nContent-Length: 0\r\nConnection: close\r\n{Date}\r\n\r\n"));

        var (statusLine, headers, body) = Split(Assert.IsType<byte[]>(rewritten));
        Assert.StartsWith($"HTTP/1.1 {answered} ", statusLine, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", headers);
        Assert.Contains($"Content-Length: {Encoding.UTF8.GetByteCount(body)}", headers);
        Assert.Contains("Connection: close", headers);
        Assert.Contains(Date, headers);
        Assert.DoesNotContain("Content-Length: 0", headers);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((code, answered, $"/docs#{code}"), (problem.GetProperty("code").GetString(), problem.GetProperty("status").GetInt32(), problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 204 No Content\r\n\r\n")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n")]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/problem+json\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n\r\n")]
    [InlineData("0\r\n\r\n")]
    [InlineData("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n")]
    public void Anything_else_is_left_alone(string flushed)
    {
        Assert.Null(ServerAnswer.Rewrite(Head(flushed)));
    }

    [Fact]
    public async Task The_writer_passes_responses_through_byte_for_byte_and_rewrites_only_the_servers_answer()
    {
        var pipe = new Pipe();
        var writer = new ServerAnswerWriter(pipe.Writer);
        var big = new string('x', 10_000);

        // A response as Kestrel writes a chunked one: a buffer kept across Advance, asked for again unadvanced.
        var head = Encoding.ASCII.GetBytes("HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n");
        var span = writer.GetSpan(head.Length);
        head.CopyTo(span);
        writer.Advance(head.Length);
        span = span[head.Length..];
        "5\r\n"u8.CopyTo(span);
        writer.Advance(3);
        var chunk = writer.GetMemory(8);
        "hello\r\n0\r\n\r\n"u8.CopyTo(writer.GetSpan(1));
        Assert.True(chunk.Span.StartsWith("hello"u8));
        writer.Advance(12);
        await writer.FlushAsync();

        // A large body in one flush, then the server's own answer, then the end of the connection.
        Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {big.Length}\r\n\r\n").CopyTo(writer.GetSpan(100));
        writer.Advance(Encoding.ASCII.GetByteCount($"HTTP/1.1 200 OK\r\nContent-Length: {big.Length}\r\n\r\n"));
        var large = writer.GetMemory(big.Length);
        Encoding.ASCII.GetBytes(big).CopyTo(large);
        writer.Advance(big.Length);
        Assert.Equal(0, writer.UnflushedBytes - (big.Length + Encoding.ASCII.GetByteCount($"HTTP/1.1 200 OK\r\nContent-Length: {big.Length}\r\n\r\n")));
        await writer.FlushAsync();
        var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 414 URI Too Long\r\nContent-Length: 0\r\nConnection: close\r\n{Date}\r\n\r\n");
        answer.CopyTo(writer.GetSpan());
        writer.Advance(answer.Length);
        await writer.FlushAsync();
        await writer.CompleteAsync();

        var output = Encoding.ASCII.GetString((await ReadAllAsync(pipe.Reader)).ToArray());
        var expectedStart = $"HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: {big.Length}\r\n\r\n{big}";
        Assert.StartsWith(expectedStart, output, StringComparison.Ordinal);
        var rest = output[expectedStart.Length..];
        Assert.StartsWith("HTTP/1.1 414 URI Too Long\r\nContent-Type: application/problem+json\r\n", rest, StringComparison.Ordinal);
        Assert.EndsWith("\"code\":\"UriTooLong\"}", rest, StringComparison.Ordinal);
    }

    private static byte[] Head(string text) => Encoding.ASCII.GetBytes(text);

    private static (string StatusLine, string[] Headers, string Body) Split(byte[] response)
    {
        var text = Encoding.UTF8.GetString(response);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lines = text[..end].Split("\r\n");
        return (lines[0], lines[1..], text[(end + 4)..]);
    }

    private static async Task<ReadOnlySequence<byte>> ReadAllAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                return result.Buffer;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }
}
