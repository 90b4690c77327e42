using ClcNet.Data;

namespace ClcNet.Testing.Training;

/// <summary>Small specs that keep the tests fast: no extra blocks, 12x12 grayscale input.</summary>
internal static class TinyNetwork
{
    public const int Size = 12;

    public static ClcNetSpec Spec(int classes = 4) => new(0, 0, 0, 0, classes, inputChannels: 1, inputSize: Size, stemStride: 1);

    public static IReadOnlyList<string> ClassNames(int classes = 4) => Enumerable.Range(0, classes).Select(i => $"class{i}").ToList();

    /// <summary>
    /// Splits with the shape of <see cref="SyntheticBatches"/> (what a plan is resolved against), claiming
    /// <paramref name="images"/> images each (more than any test batch) but holding none.
    /// </summary>
    public static DatasetSplits Data(int classes = 4, int channels = 1, int size = Size, int validationCrops = 1, int images = 1000) =>
        new(new Shape(ClassNames(classes), channels, size, 1, images), new Shape(ClassNames(classes), channels, size, validationCrops, images));

    private sealed record Shape(IReadOnlyList<string> Classes, int Channels, int Size, int CropsPerSample, int Count) : IImageDataset
    {

        public Sample Load(int index, Random random) => throw new NotSupportedException("a shape holds no images");
    }
}
