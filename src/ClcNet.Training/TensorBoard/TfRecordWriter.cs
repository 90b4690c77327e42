using System.Buffers.Binary;

namespace ClcNet.Training.TensorBoard;

/// <summary>
/// TFRecord framing, the container of TensorBoard event files: for each record, its length (uint64, little
/// endian), the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
/// </summary>
public sealed class TfRecordWriter(Stream output)
{
    /// <summary>Appends one record.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        Span<byte> checksum = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32C.Masked(header));
        output.Write(header);
        output.Write(checksum);
        output.Write(data);
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32C.Masked(data));
        output.Write(checksum);
    }
}
