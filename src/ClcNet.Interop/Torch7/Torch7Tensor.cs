namespace ClcNet.Interop.Torch7;

/// <summary>
/// A Torch7 tensor: a strided view of a <see cref="Torch7Storage"/> (sizes, strides and a 0-based offset into
/// it, all in elements). The reader has checked that every element of the view lies inside the storage.
/// </summary>
public sealed class Torch7Tensor
{
    private readonly long[] sizes;
    private readonly long[] strides;

    internal Torch7Tensor(string className, Torch7ElementType elementType, long[] sizes, long[] strides,
        long storageOffset, Torch7Storage? storage, long elementCount, Torch7Path location)
    {
        ClassName = className;
        ElementType = elementType;
        this.sizes = sizes;
        this.strides = strides;
        StorageOffset = storageOffset;
        Storage = storage;
        ElementCount = elementCount;
        Location = location;
    }

    /// <summary>The Torch7 class, e.g. <c>torch.FloatTensor</c> or <c>torch.CudaTensor</c>.</summary>
    public string ClassName { get; }

    /// <summary>The element type.</summary>
    public Torch7ElementType ElementType { get; }

    /// <summary>Size of each dimension (none for an empty tensor: Torch7 has no 0-d scalars).</summary>
    public IReadOnlyList<long> Sizes => sizes;

    /// <summary>Stride of each dimension, in elements.</summary>
    public IReadOnlyList<long> Strides => strides;

    /// <summary>Offset of the first element in <see cref="Storage"/>, from 0 (the file stores it from 1).</summary>
    public long StorageOffset { get; }

    /// <summary>The storage viewed; null for an empty tensor.</summary>
    public Torch7Storage? Storage { get; }

    /// <summary>
    /// Number of elements of the view: the product of <see cref="Sizes"/>, 0 for a tensor without dimensions.
    /// A view with stride 0 (Torch7's <c>expand</c>) can have far more elements than its storage.
    /// </summary>
    public long ElementCount { get; }

    /// <summary>Where the tensor was first read, e.g. <c>modules[1].weight</c>.</summary>
    public string Path => Location.ToString();

    internal Torch7Path Location { get; }

    /// <summary>The shape as text, e.g. <c>[32, 3, 3, 3]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", sizes)}]";

    /// <summary>The elements in row-major order, converted to float.</summary>
    /// <exception cref="InvalidOperationException">The view has more elements than one array can hold.</exception>
    public float[] ToSingleArray()
    {
        var values = new float[CheckedArrayLength()];
        if (values.Length == 0)
        {
            return values;
        }
        if (IsContiguous())
        {
            Storage!.CopyTo(StorageOffset, values);
            return values;
        }
        int i = 0;
        foreach (long offset in ElementOffsets())
        {
            values[i++] = (float)Storage!.Element(offset);
        }
        return values;
    }

    /// <summary>The elements in row-major order, converted to double (exact for every type except longs beyond 2^53).</summary>
    /// <exception cref="InvalidOperationException">The view has more elements than one array can hold.</exception>
    public double[] ToDoubleArray()
    {
        var values = new double[CheckedArrayLength()];
        int i = 0;
        foreach (long offset in values.Length == 0 ? [] : ElementOffsets())
        {
            values[i++] = Storage!.Element(offset);
        }
        return values;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ClassName} {ShapeText} at {Path}";

    private int CheckedArrayLength() => ElementCount <= Array.MaxLength
        ? (int)ElementCount
        : throw new InvalidOperationException($"{Path}: a {ClassName} of {ElementCount} elements is too large for one array");

    private bool IsContiguous()
    {
        long expected = 1;
        for (int dim = sizes.Length - 1; dim >= 0; dim--)
        {
            if (sizes[dim] != 1 && strides[dim] != expected)
            {
                return false;
            }
            expected *= sizes[dim];
        }
        return true;
    }

    // Storage offsets of the elements in row-major order (an odometer over the dimensions).
    private IEnumerable<long> ElementOffsets()
    {
        var index = new long[sizes.Length];
        long offset = StorageOffset;
        for (long n = 0; n < ElementCount; n++)
        {
            yield return offset;
            for (int dim = sizes.Length - 1; dim >= 0; dim--)
            {
                offset += strides[dim];
                if (++index[dim] < sizes[dim])
                {
                    break;
                }
                offset -= strides[dim] * sizes[dim];
                index[dim] = 0;
            }
        }
    }
}
