using System.Buffers.Binary;

namespace ClcNet.Testing.Fuzzing;

/// <summary>
/// Seeded damage to a valid file, for fuzz tests: each call returns one mutated copy and what was done to it, so
/// a failing case can be read and replayed. Most damage lands in the first <c>focus</c> bytes, where headers are.
/// </summary>
internal sealed class ByteMutator(int seed)
{
    /// <summary>Values that parsers get wrong: zero, one, sign and size boundaries.</summary>
    private static readonly long[] Boundaries =
        [0, 1, 2, 3, 7, 127, 128, 255, 256, 1000, 32767, 65535, 65536, 1 << 20, 1 << 24, int.MaxValue, uint.MaxValue, -1, int.MinValue, long.MaxValue];

    public Random Random { get; } = new(seed);

    /// <summary>One mutated copy of <paramref name="original"/>.</summary>
    public (byte[] Bytes, string What) Mutate(byte[] original, int focus)
    {
        var bytes = (byte[])original.Clone();
        var at = Position(bytes.Length, focus);
        switch (Random.Next(7))
        {
            case 0:
            {
                var flips = 1 + Random.Next(4);
                var positions = Enumerable.Range(0, flips).Select(_ => Position(bytes.Length, focus)).ToArray();
                foreach (var position in positions)
                    {
                        bytes[position] ^= (byte)(1 << Random.Next(8));
                    }

                    return (bytes, $"bits flipped at {string.Join(", ", positions)}");
            }
            case 1:
            {
                var length = Random.Next(original.Length);
                return (bytes[..length], $"cut to {length} bytes");
            }
            case 2:
            {
                var count = Math.Min(1 + Random.Next(8), bytes.Length - at);
                Random.NextBytes(bytes.AsSpan(at, count));
                return (bytes, $"{count} random bytes at {at}");
            }
            case 3:
            {
                var value = Boundaries[Random.Next(Boundaries.Length)];
                var width = new[] { 1, 2, 4, 8 }[Random.Next(4)];
                var bigEndian = Random.Next(2) == 0;
                var field = new byte[8];
                if (bigEndian)
                    {
                        BinaryPrimitives.WriteInt64BigEndian(field, value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteInt64LittleEndian(field, value);
                    }

                    Span<byte> span = bigEndian ? field.AsSpan(8 - width) : field.AsSpan(0, width);
                span[..Math.Min(width, bytes.Length - at)].CopyTo(bytes.AsSpan(at));
                return (bytes, $"{value} as {width} {(bigEndian ? "big" : "little")}-endian bytes at {at}");
            }
            case 4:
            {
                // As a varint, the length prefix of .NET strings and TorchSharp's counts.
                var boundary = Boundaries[Random.Next(Boundaries.Length)];
                var varint = Varint(boundary);
                var count = Math.Min(varint.Length, bytes.Length - at);
                varint.AsSpan(0, count).CopyTo(bytes.AsSpan(at));
                return (bytes, $"{boundary} as a varint at {at}");
            }
            case 5:
            {
                var inserted = new byte[1 + Random.Next(16)];
                Random.NextBytes(inserted);
                return ([.. bytes[..at], .. inserted, .. bytes[at..]], $"{inserted.Length} bytes inserted at {at}");
            }
            default:
            {
                var count = Math.Min(1 + Random.Next(16), bytes.Length - at);
                return ([.. bytes[..at], .. bytes[(at + count)..]], $"{count} bytes deleted at {at}");
            }
        }
    }

    /// <summary><paramref name="value"/> as an unsigned LEB128 varint: 7 bits a byte, low bits first.</summary>
    public static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        var rest = (ulong)value;
        do
        {
            bytes.Add((byte)((rest & 0x7F) | (rest > 0x7F ? 0x80u : 0)));
            rest >>= 7;
        }
        while (rest != 0);
        return [.. bytes];
    }

    private int Position(int length, int focus) =>
        length == 0 ? 0 : Random.Next(10) < 8 ? Random.Next(Math.Min(focus, length)) : Random.Next(length);
}
