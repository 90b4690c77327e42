namespace ClcNet.Data.Transforms;

/// <summary>
/// The central <see cref="Size"/> x <see cref="Size"/> window; when the margin is odd the extra pixel goes to
/// the left/top margin (origin <c>ceil((W - size) / 2)</c>), as fb.resnet.torch.
/// </summary>
public sealed class CenterCrop(int size) : IImageTransform
{
    /// <summary>Side of the crop.</summary>
    public int Size { get; } = size;

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        (int x, int y) = Origin(image.Width, image.Height, Size);
        return image.Crop(x, y, Size, Size);
    }

    /// <summary>Top-left corner of the centre crop of a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public static (int X, int Y) Origin(int width, int height, int size) =>
        ((int)Math.Ceiling((width - size) / 2.0), (int)Math.Ceiling((height - size) / 2.0));
}
