namespace ClcNet.Training.Tests.Support;

/// <summary>Bit-by-bit CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), independent of the library the product uses.</summary>
internal static class Crc32CReference
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
            }
        }
        return ~crc;
    }

    /// <summary>TensorFlow's masked CRC, the checksum of TFRecord framing.</summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        uint crc = Compute(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8;
    }
}
