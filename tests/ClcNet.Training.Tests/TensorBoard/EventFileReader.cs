using System.Buffers.Binary;
using System.Text;

namespace ClcNet.Training.Tests.TensorBoard;

/// <summary>
/// An independent reader of TensorBoard event files for the tests: TFRecord framing (checking both masked
/// CRCs with a bitwise CRC-32C) and a generic protobuf wire-format walk of Event / Summary / Value.
/// </summary>
internal static class EventFileReader
{
    public sealed record Event(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Scalars);

    public static IReadOnlyList<Event> Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        int position = 0;
        while (position < bytes.Length)
        {
            ReadOnlySpan<byte> header = bytes.AsSpan(position, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            Assert.Equal(MaskedCrc(header), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8, 4)));
            ReadOnlySpan<byte> data = bytes.AsSpan(position + 12, (int)length);
            Assert.Equal(MaskedCrc(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 12 + (int)length, 4)));
            events.Add(DecodeEvent(data.ToArray()));
            position += 16 + (int)length;
        }
        return events;
    }

    /// <summary>Bit-by-bit CRC-32C (reflected polynomial 0x82F63B78), independent of the product's table-free version.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
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

    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return ((crc >> 15) | (crc << 17)) + 0xA282EAD8;
    }

    private static Event DecodeEvent(byte[] message)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var scalars = new List<(string, float)>();
        foreach (var (field, value) in Fields(message))
        {
            switch (field)
            {
                case 1: wallTime = BitConverter.Int64BitsToDouble((long)(ulong)value); break;
                case 2: step = (long)(ulong)value; break;
                case 3: fileVersion = Encoding.UTF8.GetString((byte[])value); break;
                case 5:
                    foreach (var (summaryField, summaryValue) in Fields((byte[])value))
                    {
                        Assert.Equal(1, summaryField);
                        string tag = "";
                        float simpleValue = float.NaN;
                        foreach (var (valueField, content) in Fields((byte[])summaryValue))
                        {
                            if (valueField == 1) tag = Encoding.UTF8.GetString((byte[])content);
                            if (valueField == 2) simpleValue = BitConverter.Int32BitsToSingle((int)(uint)content);
                        }
                        scalars.Add((tag, simpleValue));
                    }
                    break;
                default: throw new InvalidDataException($"unexpected Event field {field}");
            }
        }
        return new Event(wallTime, step, fileVersion, scalars);
    }

    /// <summary>Protobuf fields: varints and fixed64 as ulong, fixed32 as uint, length-delimited as byte[].</summary>
    private static IEnumerable<(int Field, object Value)> Fields(byte[] message)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong key = Varint(message, ref position);
            int field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    yield return (field, Varint(message, ref position));
                    break;
                case 1:
                    yield return (field, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(position, 8)));
                    position += 8;
                    break;
                case 2:
                    int length = (int)Varint(message, ref position);
                    yield return (field, message.AsSpan(position, length).ToArray());
                    position += length;
                    break;
                case 5:
                    yield return (field, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(position, 4)));
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"unexpected wire type in key {key}");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte next = message[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }
}
