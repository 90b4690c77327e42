namespace ClcNet.Data.Transforms;

/// <summary>Per-channel <c>(x - mean) / std</c>.</summary>
public sealed class Normalize : IImageTransform
{
    private readonly float[] mean;
    private readonly float[] std;

    /// <summary>One mean and one standard deviation per channel.</summary>
    public Normalize(IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        if (mean.Count != std.Count || mean.Count == 0)
        {
            throw new ArgumentException($"Normalize needs one mean and one std per channel; got {mean.Count} means and {std.Count} stds.");
        }

        if (std.Any(s => s <= 0))
        {
            throw new ArgumentException("Normalize standard deviations must be positive.", nameof(std));
        }

        this.mean = [.. mean];
        this.std = [.. std];
    }

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        if (image.Channels != mean.Length)
        {
            throw new ArgumentException($"Normalize is set up for {mean.Length} channels but the image has {image.Channels}.", nameof(image));
        }

        for (var c = 0; c < image.Channels; c++)
        {
            Span<float> plane = image.Plane(c);
            for (var i = 0; i < plane.Length; i++)
            {
                plane[i] = (plane[i] - mean[c]) / std[c];
            }
        }
        return image;
    }
}
