using System.Buffers;
using System.IO.Pipelines;

namespace CityCard.Gateway.Http;

/// <summary>
/// A connection's output, on its way from Kestrel to the socket, with Kestrel's own error answers given a problem body.
/// <para>
/// Kestrel answers some requests itself, before the app sees them: a request line, header, Host or path it cannot
/// parse (a <c>%00</c> in the path is one), a request line or headers over its limits, an HTTP version it does not
/// speak, headers that do not arrive in time. It writes those with an empty body and offers no hook to change them.
/// Such an answer leaves as one flush that holds nothing but a response head with an error status and
/// <c>Content-Length: 0</c>; the app never writes one (routing's bodiless statuses get a problem from the status-code
/// pages). So the first bytes of every flush (up to <see cref="MaxHeldBytes"/>) are held, and at the flush, if they
/// are such an answer, <see cref="ServerAnswer.Rewrite"/> replaces them.
/// </para>
/// <para>
/// Kestrel writes as if to a pipe: it keeps writing into the rest of a buffer after advancing part of it, and asks for
/// a buffer again expecting the same memory when it has not advanced. So this writer behaves like a pipe whose first
/// segment is the held buffer: it moves on to the connection's own memory only when asked for more than the held
/// buffer has left, as a pipe moves on to a new segment, and never in the middle of one.
/// </para>
/// </summary>
public sealed class ServerAnswerWriter(PipeWriter inner) : PipeWriter
{
    /// <summary>Kestrel's error heads are about 120 bytes; a flush larger than this is something else.</summary>
    public const int MaxHeldBytes = 2048;

    private readonly byte[] held = new byte[MaxHeldBytes];
    private int heldCount;

    // Holding: this flush's bytes so far are in 'held'. Otherwise they went to the connection, and so does the rest.
    private bool holding = true;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => (holding ? heldCount : 0) + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (holding && held.Length - heldCount >= Math.Max(sizeHint, 1))
        {
            return held.AsMemory(heldCount);
        }

        if (holding)
        {
            // Larger than any of Kestrel's own answers: what was held goes out as it is, and the rest straight after.
            inner.Write(held.AsSpan(0, heldCount));
            heldCount = 0;
            holding = false;
        }

        return inner.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        if (holding)
        {
            heldCount += bytes;
        }
        else
        {
            inner.Advance(bytes);
        }
    }

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Release();
        return await inner.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Release();
        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Release();
        return inner.CompleteAsync(exception);
    }

    /// <summary>The end of a flush: what was held goes out, rewritten if it is one of Kestrel's own answers.</summary>
    private void Release()
    {
        if (holding && heldCount > 0)
        {
            var flushed = held.AsSpan(0, heldCount);
            if (ServerAnswer.Rewrite(flushed) is { } problem)
            {
                inner.Write(problem);
            }
            else
            {
                inner.Write(flushed);
            }
        }

        heldCount = 0;
        holding = true;
    }
}
