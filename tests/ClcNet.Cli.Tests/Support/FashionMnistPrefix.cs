using System.Buffers.Binary;
using System.IO.Compression;
using ClcNet.Data.FashionMnist;

namespace ClcNet.Cli.Tests.Support;

/// <summary>
/// A Fashion-MNIST folder holding the first images of the committed subset (raw IDX files), for runs that must
/// stay a few batches long, e.g. on ILGPU's slow CPU accelerator.
/// </summary>
internal static class FashionMnistPrefix
{
    /// <summary>
    /// Writes the first <paramref name="train"/> training and <paramref name="test"/> test samples of the subset into
    /// a new folder <c>data</c> in <paramref name="folder"/> and returns its path.
    /// </summary>
    public static string Write(TemporaryDirectory folder, int train, int test)
    {
        string target = folder.File("data");
        Directory.CreateDirectory(target);
        string source = TestData.FashionMnistSubset;
        Copy(source, target, FashionMnistFiles.TrainImages, train);
        Copy(source, target, FashionMnistFiles.TrainLabels, train);
        Copy(source, target, FashionMnistFiles.TestImages, test);
        Copy(source, target, FashionMnistFiles.TestLabels, test);
        return target;
    }

    private static void Copy(string source, string target, string name, int count)
    {
        using var stream = new GZipStream(File.OpenRead(Path.Combine(source, name + ".gz")), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        byte[] idx = memory.ToArray();
        // IDX: magic (its last byte is the number of dimensions), the big-endian sizes, then the data.
        int dimensions = idx[3];
        int header = 4 + 4 * dimensions;
        int sampleBytes = 1;
        for (int d = 1; d < dimensions; d++)
        {
            sampleBytes *= BinaryPrimitives.ReadInt32BigEndian(idx.AsSpan(4 + 4 * d));
        }
        byte[] prefix = idx[..(header + count * sampleBytes)];
        BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(4), count);
        File.WriteAllBytes(Path.Combine(target, name), prefix);
    }
}
