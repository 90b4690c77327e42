using System.Buffers.Binary;
using System.Numerics;

namespace ClcNet.Training;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of TFRecord framing and of checkpoint payloads; built on
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, which uses the CPU's CRC instruction where there is one.
/// </summary>
public static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/> (initial value and final XOR 0xFFFFFFFF).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (byte value in data)
        {
            crc = BitOperations.Crc32C(crc, value);
        }
        return ~crc;
    }

    /// <summary>TensorFlow's masked CRC, which keeps a CRC of data that itself holds CRCs well distributed.</summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Compute(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8u;
    }
}
