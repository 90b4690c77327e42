using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ClcNet.Interop.Torch7;

/// <summary>
/// A Torch7 storage: a flat array of elements that tensors view (several tensors may view one storage, e.g.
/// the parameters that <c>getParameters()</c> flattened into one). The elements stay in the file's bytes
/// (little-endian, as torch.save writes them on x86) until asked for.
/// </summary>
public sealed class Torch7Storage
{
    private readonly ReadOnlyMemory<byte> data;
    private readonly int elementSize;

    internal Torch7Storage(string className, Torch7ElementType elementType, ReadOnlyMemory<byte> data, Torch7Path location)
    {
        ClassName = className;
        ElementType = elementType;
        elementSize = Torch7TensorClasses.ElementSize(elementType);
        this.data = data;
        Location = location;
    }

    /// <summary>The Torch7 class, e.g. <c>torch.FloatStorage</c> or <c>torch.CudaStorage</c>.</summary>
    public string ClassName { get; }

    /// <summary>The element type.</summary>
    public Torch7ElementType ElementType { get; }

    /// <summary>Number of elements.</summary>
    public long Count => data.Length / elementSize;

    /// <summary>Where the storage was first read.</summary>
    public string Path => Location.ToString();

    internal Torch7Path Location { get; }

    /// <summary>All elements, converted to <see cref="double"/> (exact for every type except longs beyond 2^53).</summary>
    public double[] ToDoubleArray()
    {
        var values = new double[Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Element(i);
        }
        return values;
    }

    /// <summary>Element <paramref name="index"/> as a double.</summary>
    internal double Element(long index)
    {
        ReadOnlySpan<byte> bytes = data.Span.Slice(checked((int)index * elementSize), elementSize);
        return ElementType switch
        {
            Torch7ElementType.Byte => bytes[0],
            Torch7ElementType.Char => (sbyte)bytes[0],
            Torch7ElementType.Short => BinaryPrimitives.ReadInt16LittleEndian(bytes),
            Torch7ElementType.Int => BinaryPrimitives.ReadInt32LittleEndian(bytes),
            Torch7ElementType.Long => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            Torch7ElementType.Float => BinaryPrimitives.ReadSingleLittleEndian(bytes),
            Torch7ElementType.Double => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            _ => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes),
        };
    }

    /// <summary>Copies <paramref name="destination"/>.Length elements from <paramref name="start"/> on, converted to float.</summary>
    internal void CopyTo(long start, Span<float> destination)
    {
        if (ElementType == Torch7ElementType.Float && BitConverter.IsLittleEndian)
        {
            ReadOnlySpan<byte> bytes = data.Span.Slice(checked((int)start * elementSize), destination.Length * elementSize);
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
            return;
        }
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)Element(start + i);
        }
    }
}
