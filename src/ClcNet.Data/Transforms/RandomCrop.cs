namespace ClcNet.Data.Transforms;

/// <summary>
/// torchvision's <c>RandomCrop(size, padding)</c>: pad with zeros, then take a
/// <see cref="Size"/> x <see cref="Size"/> window at a uniformly random position.
/// </summary>
public sealed class RandomCrop(int size, int padding = 0) : IImageTransform
{
    private readonly Pad pad = new(padding);

    /// <summary>Side of the crop.</summary>
    public int Size { get; } = size;

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        FloatImage padded = pad.Apply(image, random);
        var y = random.IntegerInclusive(0, padded.Height - Size);
        var x = random.IntegerInclusive(0, padded.Width - Size);
        return padded.Crop(x, y, Size, Size);
    }
}
