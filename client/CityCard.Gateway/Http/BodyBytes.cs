using Microsoft.Net.Http.Headers;

namespace CityCard.Gateway.Http;

/// <summary>Either the body's bytes, or the problem that answers it.</summary>
public readonly record struct BytesResult(byte[]? Value, string? MediaType, IResult? Problem);

/// <summary>
/// Reads a request body up to a limit, without ever buffering more than the limit: a body announced or found to be
/// larger is answered 413 BodyTooLarge, and one of a type the endpoint does not read 415. A leading UTF-8 byte-order
/// mark is dropped: spreadsheet programs and some editors save CSV and JSON with one, and it is no part of the content.
/// </summary>
public static class BodyBytes
{
    public static async Task<BytesResult> ReadAsync(HttpContext http, int maxBytes, Func<string, bool> acceptsMediaType)
    {
        var request = http.Request;
        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        string? mediaType = null;
        if (!string.IsNullOrEmpty(request.ContentType))
        {
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) || !acceptsMediaType(parsed.MediaType.Value ?? string.Empty))
            {
                return new(null, null, Problems.Gateway(ProblemCodes.UnsupportedMediaType, $"This endpoint does not read '{Cut(request.ContentType)}'."));
            }

            mediaType = parsed.MediaType.Value;
        }

        var buffer = new byte[Math.Min(maxBytes + 1, 64 * 1024)];
        using var content = new MemoryStream();
        int read;
        while ((read = await request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            content.Write(buffer, 0, read);
            if (content.Length > maxBytes)
            {
                return TooLarge(maxBytes);
            }
        }

        if (content.Length > 0 && mediaType is null)
        {
            return new(null, null, Problems.Gateway(ProblemCodes.UnsupportedMediaType, "A body needs a Content-Type."));
        }

        return new(WithoutByteOrderMark(content.ToArray()), mediaType, null);
    }

    private static byte[] WithoutByteOrderMark(byte[] body) =>
        body.AsSpan().StartsWith(Utf8ByteOrderMark) ? body[Utf8ByteOrderMark.Length..] : body;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static BytesResult TooLarge(int maxBytes) =>
        new(null, null, Problems.Gateway(ProblemCodes.BodyTooLarge, $"This endpoint accepts at most {maxBytes} bytes."));

    private static string Cut(string text) => text.Length > 60 ? text[..60] : text;
}
