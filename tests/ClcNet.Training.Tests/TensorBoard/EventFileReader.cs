using System.Buffers.Binary;
using ClcNet.Training.Tests.Support;
using Tensorboard;

namespace ClcNet.Training.Tests.TensorBoard;

/// <summary>
/// Reads a TensorBoard event file as TensorBoard does: TFRecord framing, whose two masked CRC-32Cs per record are
/// checked with an independent CRC, around <c>Event</c> messages parsed with the protobuf types TorchSharp ships.
/// </summary>
internal static class EventFileReader
{
    public static IReadOnlyList<Event> Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var events = new List<Event>();
        int position = 0;
        while (position < bytes.Length)
        {
            ReadOnlySpan<byte> header = bytes.AsSpan(position, sizeof(ulong));
            int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(header));
            Assert.Equal(Crc32CReference.Masked(header), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8, 4)));
            ReadOnlySpan<byte> data = bytes.AsSpan(position + 12, length);
            Assert.Equal(Crc32CReference.Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 12 + length, 4)));
            // TorchSharp's generated types predate span parsing, so they parse from an array.
            events.Add(Event.Parser.ParseFrom(data.ToArray()));
            position += 16 + length;
        }
        return events;
    }

    /// <summary>Every scalar of <paramref name="events"/>, with its step.</summary>
    public static IEnumerable<(long Step, string Tag, float Value)> Scalars(IEnumerable<Event> events) =>
        from e in events
        where e.Summary is not null
        from value in e.Summary.Value
        select (e.Step, value.Tag, value.SimpleValue);
}
