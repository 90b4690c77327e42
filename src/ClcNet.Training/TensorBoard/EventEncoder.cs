using System.Buffers.Binary;
using System.Text;

namespace ClcNet.Training.TensorBoard;

/// <summary>
/// The protobuf encoding of the two TensorBoard <c>Event</c> messages this project writes (tensorflow's
/// event.proto and summary.proto): <c>Event { double wall_time = 1; int64 step = 2; string file_version = 3;
/// Summary summary = 5; }</c>, <c>Summary { repeated Value value = 1; }</c>,
/// <c>Value { string tag = 1; float simple_value = 2; }</c>.
/// </summary>
public static class EventEncoder
{
    private const int VarintWire = 0;
    private const int Fixed64Wire = 1;
    private const int LengthDelimitedWire = 2;
    private const int Fixed32Wire = 5;

    /// <summary>The first event of every file: which event format follows (<c>brain.Event:2</c>).</summary>
    public static byte[] FileVersion(double wallTime, string version)
    {
        var message = new List<byte>();
        AddDouble(message, 1, wallTime);
        AddBytes(message, 3, Encoding.UTF8.GetBytes(version));
        return message.ToArray();
    }

    /// <summary>An event holding one scalar summary <paramref name="tag"/> = <paramref name="value"/> at <paramref name="step"/>.</summary>
    public static byte[] Scalar(double wallTime, long step, string tag, float value)
    {
        var summaryValue = new List<byte>();
        AddBytes(summaryValue, 1, Encoding.UTF8.GetBytes(tag));
        AddFloat(summaryValue, 2, value);
        var summary = new List<byte>();
        AddBytes(summary, 1, summaryValue.ToArray());

        var message = new List<byte>();
        AddDouble(message, 1, wallTime);
        AddVarintField(message, 2, (ulong)step);
        AddBytes(message, 5, summary.ToArray());
        return message.ToArray();
    }

    private static void AddKey(List<byte> message, int field, int wireType) => AddVarint(message, (ulong)((field << 3) | wireType));

    private static void AddVarint(List<byte> message, ulong value)
    {
        while (value >= 0x80)
        {
            message.Add((byte)(value | 0x80));
            value >>= 7;
        }
        message.Add((byte)value);
    }

    private static void AddVarintField(List<byte> message, int field, ulong value)
    {
        AddKey(message, field, VarintWire);
        AddVarint(message, value);
    }

    private static void AddDouble(List<byte> message, int field, double value)
    {
        AddKey(message, field, Fixed64Wire);
        Span<byte> bytes = stackalloc byte[sizeof(double)];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        message.AddRange(bytes);
    }

    private static void AddFloat(List<byte> message, int field, float value)
    {
        AddKey(message, field, Fixed32Wire);
        Span<byte> bytes = stackalloc byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        message.AddRange(bytes);
    }

    private static void AddBytes(List<byte> message, int field, byte[] bytes)
    {
        AddKey(message, field, LengthDelimitedWire);
        AddVarint(message, (ulong)bytes.Length);
        message.AddRange(bytes);
    }
}
