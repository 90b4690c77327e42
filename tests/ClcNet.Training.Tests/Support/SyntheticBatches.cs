using ClcNet.Data;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Support;

/// <summary>
/// In-memory batches of a learnable toy problem: a 12x12 grayscale image of class k is noise plus a bright
/// quadrant k. The same (seed, epoch) always gives the same batches, as the real loader does.
/// </summary>
internal static class SyntheticBatches
{
    public static BatchSource Create(int batches, int batchSize, int seed, int classes = 4, int crops = 1) =>
        new(batches, epoch => Generate(batches, batchSize, seed * 1000 + epoch, classes, crops));

    private static IEnumerable<Batch> Generate(int batches, int batchSize, int seed, int classes, int crops)
    {
        var random = new Random(seed);
        for (int b = 0; b < batches; b++)
        {
            int size = TinyNetwork.Size;
            var pixels = new float[batchSize * crops * size * size];
            var labels = new long[batchSize];
            for (int i = 0; i < batchSize; i++)
            {
                int label = random.Next(classes);
                labels[i] = label;
                for (int crop = 0; crop < crops; crop++)
                {
                    int offset = (i * crops + crop) * size * size;
                    for (int y = 0; y < size; y++)
                    {
                        for (int x = 0; x < size; x++)
                        {
                            int quadrant = (y / (size / 2)) * 2 + x / (size / 2);
                            pixels[offset + y * size + x] = (float)(random.NextDouble() - 0.5) + (quadrant == label % 4 ? 1.5f : 0f);
                        }
                    }
                }
            }
            long[] shape = crops == 1 ? [batchSize, 1, size, size] : [batchSize, crops, 1, size, size];
            yield return new Batch(tensor(pixels, shape), tensor(labels));
        }
    }
}
