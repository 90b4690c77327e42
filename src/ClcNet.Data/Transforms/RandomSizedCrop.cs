namespace ClcNet.Data.Transforms;

/// <summary>
/// fb.resnet.torch's RandomSizedCrop (the "Inception" crop): up to ten attempts at a window covering
/// U(0.08, 1) of the area with aspect ratio U(3/4, 4/3), sides rounded, swapped with probability 0.5, placed
/// uniformly at random and resized bicubically to <see cref="Size"/> x <see cref="Size"/>; if no attempt
/// fits, <c>Scale(size)</c> then <c>CenterCrop(size)</c>. Random numbers are drawn in the original's order.
/// </summary>
public sealed class RandomSizedCrop(int size) : IImageTransform
{
    private const int Attempts = 10;
    private const double MinimumAreaFraction = 0.08;
    private const double MinimumAspectRatio = 3.0 / 4.0;
    private const double MaximumAspectRatio = 4.0 / 3.0;

    private readonly Scale fallbackScale = new(size);
    private readonly CenterCrop fallbackCrop = new(size);

    /// <summary>Side of the output.</summary>
    public int Size { get; } = size;

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        var area = (double)image.Width * image.Height;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var targetArea = random.Uniform(MinimumAreaFraction, 1) * area;
            var aspectRatio = random.Uniform(MinimumAspectRatio, MaximumAspectRatio);
            var width = RoundHalfAway(Math.Sqrt(targetArea * aspectRatio));
            var height = RoundHalfAway(Math.Sqrt(targetArea / aspectRatio));
            if (random.NextDouble() < 0.5)
            {
                (width, height) = (height, width);
            }
            // Torch7 would fail on an empty window (possible only for images of a pixel or two); retry instead.
            if (height <= image.Height && width <= image.Width && width > 0 && height > 0)
            {
                var y = random.IntegerInclusive(0, image.Height - height);
                var x = random.IntegerInclusive(0, image.Width - width);
                return BicubicResize.Resize(image.Crop(x, y, width, height), Size, Size);
            }
        }
        return fallbackCrop.Apply(fallbackScale.Apply(image, random), random);
    }

    private static int RoundHalfAway(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
