namespace ClcNet.Data.Transforms;

/// <summary>Mirrors the image left to right with probability <see cref="Probability"/>.</summary>
public sealed class HorizontalFlip(double probability = 0.5) : IImageTransform
{
    /// <summary>Chance of a flip.</summary>
    public double Probability { get; } = probability;

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random) =>
        random.NextDouble() < Probability ? image.MirrorHorizontally() : image;
}
