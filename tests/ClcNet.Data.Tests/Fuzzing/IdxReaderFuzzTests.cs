using ClcNet.Data.Idx;
using ClcNet.Data.Tests.Support;
using ClcNet.Testing.Fuzzing;

namespace ClcNet.Data.Tests.Fuzzing;

/// <summary>Seeded fuzzing of the IDX reader: every damaged file loads consistently or is a one-line <see cref="DatasetException"/>.</summary>
public sealed class IdxReaderFuzzTests : IDisposable
{
    private const int Cases = 150;

    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void DamagedImageFilesLoadConsistentlyOrAreRefused(bool gzip, int seed)
    {
        var valid = IdxBytes.Images(count: 5, rows: 4, columns: 3);
        var mutator = new ByteMutator(seed);
        var cases = new FuzzCases<DatasetException>(maxMessageLength: 400);
        for (var i = 0; i < Cases; i++)
        {
            // Gzip files are damaged either before compression (the IDX inside) or after (the gzip stream).
            (byte[]? raw, string? what) = mutator.Mutate(valid, focus: 16);
            (byte[]? bytes, string? gzipWhat) = gzip && mutator.Random.Next(2) == 0 ? mutator.Mutate(IdxBytes.Gzip(valid), focus: 24) : (gzip ? IdxBytes.Gzip(raw) : raw, what);
            var path = folder.Write($"case{i}", bytes);
            // The reader may hold the data it found (twice, while growing its buffer) and no more.
            var budget = 4L * Math.Max(bytes.Length, raw.Length) + (1 << 20);
            cases.Run($"case {i} ({(gzip ? "gzip, " : "")}{gzipWhat})", budget, () =>
            {
                IdxImages images = IdxReader.ReadImages(path);
                Assert.Equal((long)images.Count * images.Rows * images.Columns, images.Pixels.LongLength);
            });
        }
        cases.AssertAllEndedWell();
    }

    [Fact]
    public void DamagedLabelFilesLoadConsistentlyOrAreRefused()
    {
        var valid = IdxBytes.Labels(3, 1, 4, 1, 5, 9, 2, 6);
        var mutator = new ByteMutator(3);
        var cases = new FuzzCases<DatasetException>(maxMessageLength: 400);
        for (var i = 0; i < Cases / 3; i++)
        {
            (byte[]? bytes, string? what) = mutator.Mutate(valid, focus: 8);
            var path = folder.Write($"labels{i}", bytes);
            cases.Run($"labels case {i} ({what})", 4L * bytes.Length + (1 << 20), () => Assert.NotEmpty(IdxReader.ReadLabels(path)));
        }
        cases.AssertAllEndedWell();
    }
}
