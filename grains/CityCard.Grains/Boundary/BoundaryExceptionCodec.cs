using System.Buffers;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.WireProtocol;

namespace CityCard.Grains.Boundary;

/// <summary>
/// The last line of <see cref="BoundaryFaults"/>: a foreign exception that reaches the wire without passing a grain
/// call (the store failing while a grain activates, which Orleans answers with that exception) is written as its
/// replacement, so the client reads a type it knows. Registered on the silo only; it never reads, because what it
/// writes is the replacement's type.
/// </summary>
public sealed class BoundaryExceptionCodec : IGeneralizedCodec
{
    public bool IsSupportedType(Type type) => BoundaryFaults.IsForeign(type);

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, [System.Diagnostics.CodeAnalysis.AllowNull] Type expectedType, object? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (value is null)
        {
            ReferenceCodec.WriteNullReference(ref writer, fieldIdDelta);
            return;
        }

        var replacement = BoundaryFaults.Translate((Exception)value)
            ?? throw new InvalidOperationException($"{value.GetType()} is foreign but has no replacement.");
        writer.Session.CodecProvider.GetCodec(replacement.GetType()).WriteField(ref writer, fieldIdDelta, expectedType, replacement);
    }

    public object ReadValue<TInput>(ref Reader<TInput> reader, Field field) =>
        throw new NotSupportedException("Foreign exceptions are written as their replacement and never read.");
}
