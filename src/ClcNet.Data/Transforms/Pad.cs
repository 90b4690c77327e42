namespace ClcNet.Data.Transforms;

/// <summary>Adds a border of <see cref="Padding"/> pixels of value <see cref="Fill"/> on every side.</summary>
public sealed class Pad(int padding, float fill = 0) : IImageTransform
{
    /// <summary>Border width.</summary>
    public int Padding { get; } = padding;

    /// <summary>Border value.</summary>
    public float Fill { get; } = fill;

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        if (Padding == 0)
        {
            return image;
        }

        var padded = new FloatImage(image.Channels, image.Height + 2 * Padding, image.Width + 2 * Padding);
        padded.Data.AsSpan().Fill(Fill);
        for (var c = 0; c < image.Channels; c++)
        {
            for (var y = 0; y < image.Height; y++)
            {
                image.Data.AsSpan((c * image.Height + y) * image.Width, image.Width)
                    .CopyTo(padded.Data.AsSpan((c * padded.Height + y + Padding) * padded.Width + Padding, image.Width));
            }
        }

        return padded;
    }
}
