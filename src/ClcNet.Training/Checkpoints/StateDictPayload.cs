using System.Text;
using ClcNet.Data;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// Checks the weights of a model file, TorchSharp's state-dict format, against the network they are to be loaded
/// into, before TorchSharp reads them: TorchSharp allocates whatever the payload's counts say (a rank of 2^31 is
/// an array of 2^31 longs) and finds a mismatch only afterwards. The format: a varint entry count, then per entry
/// its name (a .NET string), varints for its element type, its rank and each side, and its raw elements.
/// </summary>
internal static class StateDictPayload
{
    /// <summary>
    /// How <paramref name="payload"/> does not fit <paramref name="stateDict"/> (one line, for a message), or null
    /// when every entry is a tensor of the network with its type and shape; entries in <paramref name="skip"/> may
    /// have any shape, as TorchSharp reads past them.
    /// </summary>
    public static string? Mismatch(byte[] payload, Dictionary<string, Tensor> stateDict, IReadOnlyList<string> skip)
    {
        var reader = new Reader(payload);
        if (reader.Varint() is not { } entries)
            return "its tensor count is garbled";
        if (entries != stateDict.Count)
            return $"it holds {entries} tensors but the network has {stateDict.Count}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long entry = 0; entry < entries; entry++)
        {
            if (reader.Name() is not { } name)
                return $"the name of tensor {entry} is garbled";
            if (!stateDict.TryGetValue(name, out Tensor? tensor))
                return $"it holds a tensor '{PrintableText.OneLine(name)}' that the network does not have";
            if (!seen.Add(name))
                return $"it holds tensor '{name}' twice";
            if (reader.Varint() is not { } type || type != (long)tensor.dtype)
                return $"tensor '{name}' is not of type {tensor.dtype}";
            bool anyShape = skip.Contains(name);
            if (reader.Varint() is not { } rank || (anyShape ? rank > reader.Remaining : rank != tensor.Dimensions))
                return $"tensor '{name}' does not have rank {tensor.Dimensions}";
            long elements = 1;
            for (int side = 0; side < rank; side++)
            {
                if (reader.Varint() is not { } length || (!anyShape && length != tensor.shape[side]))
                    return $"tensor '{name}' is not of shape [{string.Join(", ", tensor.shape)}]";
                elements = length == 0 || elements <= reader.Remaining / length ? elements * length : long.MaxValue;
            }
            if (elements > reader.Remaining / tensor.ElementSize)
                return $"tensor '{name}' needs {elements} elements but the file ends first";
            reader.Skip(elements * tensor.ElementSize);
        }
        return reader.Remaining == 0 ? null : $"it has {reader.Remaining} bytes after its last tensor";
    }

    /// <summary>The longest tensor name read; dotted module paths such as <c>stage4.block9.conv3x3.weight</c> are far shorter.</summary>
    private const int MaxNameBytes = 1024;

    private sealed class Reader(byte[] bytes)
    {
        private int position;

        public long Remaining => bytes.Length - position;

        /// <summary>An unsigned LEB128 value of at most 63 bits, or null when it is cut off or larger.</summary>
        public long? Varint()
        {
            long value = 0;
            for (int shift = 0; shift < 63 && position < bytes.Length; shift += 7)
            {
                byte next = bytes[position++];
                long bits = next & 0x7F;
                if (shift == 56 && bits > 0x7F >> 1)
                    return null;
                value |= bits << shift;
                if (next < 0x80)
                    return value;
            }
            return null;
        }

        /// <summary>
        /// A string as <see cref="BinaryWriter.Write(string)"/> writes it, or null when its length is garbled or beyond
        /// <see cref="MaxNameBytes"/>.
        /// </summary>
        public string? Name()
        {
            if (Varint() is not { } length || length > Math.Min(Remaining, MaxNameBytes))
                return null;
            string name = Encoding.UTF8.GetString(bytes, position, (int)length);
            position += (int)length;
            return name;
        }

        public void Skip(long count) => position += (int)count;
    }
}
