using System.Text;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// Reads the values TorchSharp writes into a payload (its varints, .NET strings, booleans, tensors), each
/// checked against what is left before it is taken, so that a damaged payload can be walked without allocating
/// what its counts claim. Every read returns null when the payload ends first or the value is garbled.
/// </summary>
internal sealed class PayloadReader(byte[] bytes)
{
    private int position;

    /// <summary>The bytes not read yet.</summary>
    public long Remaining => bytes.Length - position;

    /// <summary>An unsigned LEB128 value of at most 63 bits (TorchSharp's <c>Encode</c>), or null when it is cut off or larger.</summary>
    public long? Varint()
    {
        long value = 0;
        for (int shift = 0; shift < 63 && position < bytes.Length; shift += 7)
        {
            byte next = bytes[position++];
            long bits = next & 0x7F;
            if (shift == 56 && bits > 0x7F >> 1)
            {
                return null;
            }

            value |= bits << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
        return null;
    }

    /// <summary>
    /// A string as <see cref="BinaryWriter.Write(string)"/> writes it, or null when its length is garbled or beyond
    /// <paramref name="maxBytes"/>.
    /// </summary>
    public string? String(int maxBytes)
    {
        if (Varint() is not { } length || length > Math.Min(Remaining, maxBytes))
        {
            return null;
        }

        string text = Encoding.UTF8.GetString(bytes, position, (int)length);
        position += (int)length;
        return text;
    }

    /// <summary>A <see cref="BinaryWriter.Write(bool)"/> value.</summary>
    public bool? Boolean() => Take(1) is { } at ? bytes[at] switch { 0 => false, 1 => true, _ => null } : null;

    /// <summary>Passes over <paramref name="count"/> bytes; false when fewer are left.</summary>
    public bool Skip(long count) => Take(count) is not null;

    /// <summary>
    /// Passes over a tensor as TorchSharp's <c>Tensor.Save</c> writes it (varints for its element type, its rank and
    /// each side, then its raw elements), checking that it has the type and shape of <paramref name="like"/> (any
    /// shape when <paramref name="anyShape"/>). Returns how it does not, calling it <paramref name="what"/>
    /// (<c>tensor 'head.fc.bias'</c>), or null.
    /// </summary>
    public string? Tensor(string what, Tensor like, bool anyShape = false)
    {
        if (Varint() is not { } type || type != (long)like.dtype)
        {
            return $"{what} is not of type {like.dtype}";
        }

        if (Varint() is not { } rank || (anyShape ? rank > Remaining : rank != like.Dimensions))
        {
            return $"{what} does not have rank {like.Dimensions}";
        }

        long elements = 1;
        for (int side = 0; side < rank; side++)
        {
            if (Varint() is not { } length || (!anyShape && length != like.shape[side]))
            {
                return $"{what} is not of shape [{string.Join(", ", like.shape)}]";
            }

            elements = length == 0 || elements <= Remaining / length ? elements * length : long.MaxValue;
        }
        if (elements > Remaining / like.ElementSize)
        {
            return $"{what} needs {elements} elements but the file ends first";
        }

        Skip(elements * like.ElementSize);
        return null;
    }

    /// <summary>The position of the next <paramref name="count"/> bytes, which are then passed over; null when fewer are left.</summary>
    private int? Take(long count)
    {
        if (count < 0 || count > Remaining)
        {
            return null;
        }

        int at = position;
        position += (int)count;
        return at;
    }
}
