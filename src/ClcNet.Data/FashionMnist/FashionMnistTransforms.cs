using ClcNet.Data.Transforms;

namespace ClcNet.Data.FashionMnist;

/// <summary>
/// Transforms for Fashion-MNIST as a torchvision user would write them: a light augmentation for training
/// (random 28x28 crop of the image padded by 2 zero pixels, horizontal flip) and normalisation with the
/// training set's statistics.
/// </summary>
public static class FashionMnistTransforms
{
    /// <summary>Side of the images.</summary>
    public const int Size = 28;

    /// <summary>Zero border for the random crop (and for ten-crop testing).</summary>
    public const int Padding = 2;

    /// <summary>Mean pixel of the training set, in [0, 1].</summary>
    public const float Mean = 0.2860f;

    /// <summary>Pixel standard deviation of the training set.</summary>
    public const float Std = 0.3530f;

    /// <summary>Normalisation with the training set's mean and standard deviation.</summary>
    public static Normalize Normalization() => new([Mean], [Std]);

    /// <summary>Random crop with padding 2, horizontal flip, normalise.</summary>
    public static SampleTransform Train() =>
        new(1, Size, [new RandomCrop(Size, Padding), new HorizontalFlip(), Normalization()]);

    /// <summary>
    /// Normalise only; with <paramref name="tenCrop"/>, the ten crops of the padded image, the test-time
    /// counterpart of the training crops.
    /// </summary>
    public static SampleTransform Test(bool tenCrop) => tenCrop
        ? new(1, Size, [new Pad(Padding), Normalization()], new TenCrop(Size))
        : new(1, Size, [Normalization()]);
}
