using ClcNet.Training.Tests.Support;
using ClcNet.Training.TensorBoard;

namespace ClcNet.Training.Tests.TensorBoard;

public sealed class TensorBoardWriterTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)] // the standard CRC-32C check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void Crc32CMatchesKnownValues(string text, uint expected)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(text);
        Assert.Equal(expected, Crc32C.Compute(bytes));
        Assert.Equal(expected, EventFileReader.Crc32C(bytes));
    }

    [Fact]
    public void WritesAVersionEventThenDecodableScalars()
    {
        var clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250));
        string path;
        using (var writer = new TensorBoardWriter(folder.Path, clock))
        {
            writer.AddScalar("train/loss", 2.25, step: 1);
            writer.AddScalar("test/top1_error", 12.5, step: 300);
            path = writer.FilePath;
        }

        var events = EventFileReader.Read(path);

        Assert.Equal($"events.out.tfevents.1700000000.{Environment.MachineName}", Path.GetFileName(path));
        Assert.Equal(3, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Empty(events[0].Scalars);
        Assert.Equal(1_700_000_000.25, events[0].WallTime);
        Assert.Equal((1L, "train/loss", 2.25f), (events[1].Step, events[1].Scalars.Single().Tag, events[1].Scalars.Single().Value));
        Assert.Equal((300L, "test/top1_error", 12.5f), (events[2].Step, events[2].Scalars.Single().Tag, events[2].Scalars.Single().Value));
        Assert.All(events.Skip(1), e => Assert.Null(e.FileVersion));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
