namespace ClcNet.Data.Transforms;

/// <summary>
/// fb.resnet.torch's ColorJitter: brightness, contrast and saturation in a random order, each blending the
/// image with a second image as <c>img * alpha + other * (1 - alpha)</c>, <c>alpha = 1 + U(-v, v)</c>:
/// brightness with black, contrast with the mean of the grayscale image, saturation with the grayscale
/// image (<c>0.299 R + 0.587 G + 0.114 B</c>). No clamping, as the original.
/// </summary>
public sealed class ColorJitter : IImageTransform
{
    private readonly List<Action<FloatImage, Random>> adjustments = [];

    /// <summary>A jitter with the given variations; a zero variation leaves that adjustment out.</summary>
    public ColorJitter(double brightness, double contrast, double saturation)
    {
        if (brightness != 0)
        {
            adjustments.Add((image, random) => BlendWithConstant(image, Alpha(random, brightness), 0f));
        }

        if (contrast != 0)
        {
            adjustments.Add((image, random) =>
            {
                var mean = GrayMean(image);
                BlendWithConstant(image, Alpha(random, contrast), mean);
            });
        }

        if (saturation != 0)
        {
            adjustments.Add((image, random) =>
            {
                var gray = image.ToGrayscale().Data;
                BlendWithGray(image, Alpha(random, saturation), gray);
            });
        }
    }

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        if (image.Channels != 3)
        {
            throw new ArgumentException($"ColorJitter needs an RGB image; this one has {image.Channels} channels.", nameof(image));
        }

        var order = Enumerable.Range(0, adjustments.Count).ToArray();
        random.Shuffle(order);
        foreach (var index in order)
        {
            adjustments[index](image, random);
        }

        return image;
    }

    private static float GrayMean(FloatImage image)
    {
        var sum = 0.0;
        foreach (var value in image.ToGrayscale().Data)
        {
            sum += value;
        }

        return (float)(sum / image.PlaneSize);
    }

    private static float Alpha(Random random, double variation) => (float)(1 + random.Uniform(-variation, variation));

    private static void BlendWithConstant(FloatImage image, float alpha, float other)
    {
        var data = image.Data;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = data[i] * alpha + other * (1 - alpha);
        }
    }

    private static void BlendWithGray(FloatImage image, float alpha, float[] gray)
    {
        for (var c = 0; c < image.Channels; c++)
        {
            Span<float> plane = image.Plane(c);
            for (var i = 0; i < plane.Length; i++)
            {
                plane[i] = plane[i] * alpha + gray[i] * (1 - alpha);
            }
        }
    }
}
