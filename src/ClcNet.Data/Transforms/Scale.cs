namespace ClcNet.Data.Transforms;

/// <summary>
/// Resizes (bicubic) so that the shorter side becomes <see cref="Size"/>, keeping the aspect ratio; the longer
/// side is truncated to an integer as Torch7 and torchvision do. An image already that size is left alone.
/// </summary>
public sealed class Scale(int size) : IImageTransform
{
    /// <summary>Target length of the shorter side.</summary>
    public int Size { get; } = size;

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        int width = image.Width, height = image.Height;
        if ((width <= height && width == Size) || (height <= width && height == Size))
        {
            return image;
        }

        return width < height
            ? BicubicResize.Resize(image, Size, (int)((double)height / width * Size))
            : BicubicResize.Resize(image, (int)((double)width / height * Size), Size);
    }
}
