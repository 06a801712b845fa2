using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CityCard.Gateway.Tests.Infrastructure;

/// <summary>One HTTP response as it came off the socket.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, bool ConnectionClosed)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");
}

/// <summary>
/// Requests written byte by byte on a TCP socket, for what HttpClient refuses to send: a NUL or a raw byte in the path,
/// a broken request line, two Host headers, a header without a colon. Reads the first response and whether the server
/// closed the connection after it.
/// </summary>
public static class RawHttp
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static Task<RawResponse> SendAsync(Uri gateway, string request) => SendAsync(gateway, Encoding.Latin1.GetBytes(request));

    public static async Task<RawResponse> SendAsync(Uri gateway, byte[] request)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(Patience);
        await client.ConnectAsync(gateway.Host, gateway.Port, timeout.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request, timeout.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read a request this large; its answer is still there.
        }

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var closed = false;
        while (!timeout.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                closed = true;
                break;
            }

            if (read == 0)
            {
                closed = true;
                break;
            }

            received.Write(buffer, 0, read);
            if (Parse(received.ToArray(), closed: false) is not null && !KeepsReading(received.ToArray()))
            {
                break;
            }
        }

        return Parse(received.ToArray(), closed) ?? throw new InvalidOperationException($"No complete response; received: {Encoding.Latin1.GetString(received.ToArray())}");
    }

    /// <summary>After a complete response, wait on for the close only when the server said it would close.</summary>
    private static bool KeepsReading(byte[] received)
    {
        var head = Encoding.Latin1.GetString(received);
        return head.Contains("\r\nConnection: close\r\n", StringComparison.OrdinalIgnoreCase);
    }

    private static RawResponse? Parse(byte[] received, bool closed)
    {
        var text = Encoding.Latin1.GetString(received);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var rest = received.AsSpan(end + 4);
        string body;
        if (headers.TryGetValue("content-length", out var length))
        {
            var n = int.Parse(length, CultureInfo.InvariantCulture);
            if (rest.Length < n)
            {
                return null;
            }

            body = Encoding.UTF8.GetString(rest[..n]);
        }
        else if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            if (Dechunk(rest.ToArray()) is not { } dechunked)
            {
                return null;
            }

            body = dechunked;
        }
        else
        {
            body = closed ? Encoding.UTF8.GetString(rest) : string.Empty;
        }

        return new RawResponse(status, headers, body, closed);
    }

    private static string? Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return null;
            }

            var size = int.Parse(Encoding.ASCII.GetString(chunked, at, lineEnd), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0)
            {
                return Encoding.UTF8.GetString(body.ToArray());
            }

            if (chunked.Length < at + size + 2)
            {
                return null;
            }

            body.Write(chunked, at, size);
            at += size + 2;
        }
    }
}
