namespace ClcNet.Data.Transforms;

/// <summary>
/// Everything done to one decoded image: a chain of <see cref="IImageTransform"/> steps that must end at
/// <see cref="Channels"/> x <see cref="Size"/> x <see cref="Size"/>, optionally followed by ten-crop.
/// </summary>
public sealed class SampleTransform
{
    private readonly IReadOnlyList<IImageTransform> steps;
    private readonly TenCrop? tenCrop;

    /// <summary>Runs <paramref name="steps"/> in order, then <paramref name="tenCrop"/> when given.</summary>
    public SampleTransform(int channels, int size, IReadOnlyList<IImageTransform> steps, TenCrop? tenCrop = null)
    {
        if (tenCrop is not null && tenCrop.Size != size)
        {
            throw new ArgumentException($"Ten-crop size {tenCrop.Size} differs from the sample size {size}.", nameof(tenCrop));
        }

        Channels = channels;
        Size = size;
        this.steps = steps;
        this.tenCrop = tenCrop;
    }

    /// <summary>Channels of each output crop.</summary>
    public int Channels { get; }

    /// <summary>Side of each output crop.</summary>
    public int Size { get; }

    /// <summary>1, or 10 with ten-crop.</summary>
    public int CropsPerSample => tenCrop is null ? 1 : TenCrop.Count;

    /// <summary>The transformed crops, concatenated crop-major in CHW order.</summary>
    public float[] Apply(FloatImage image, Random random)
    {
        foreach (IImageTransform step in steps)
        {
            image = step.Apply(image, random);
        }

        IReadOnlyList<FloatImage> crops = tenCrop is null ? [image] : tenCrop.Apply(image);

        var cropLength = Channels * Size * Size;
        var pixels = new float[crops.Count * cropLength];
        for (var i = 0; i < crops.Count; i++)
        {
            FloatImage crop = crops[i];
            if (crop.Channels != Channels || crop.Height != Size || crop.Width != Size)
            {
                throw new InvalidOperationException(
                    $"The transform chain produced {crop.Channels}x{crop.Height}x{crop.Width}, not {Channels}x{Size}x{Size}.");
            }

            crop.Data.CopyTo(pixels, i * cropLength);
        }
        return pixels;
    }
}
