namespace ClcNet.Data.Transforms;

/// <summary>
/// AlexNet-style PCA lighting noise: draws <c>alpha_j ~ N(0, alphaStd)</c> for each principal component and
/// adds <c>sum_j eigvec[i][j] * alpha_j * eigval_j</c> to channel <c>i</c>.
/// </summary>
public sealed class Lighting(double alphaStd, IReadOnlyList<double> eigenvalues, double[,] eigenvectors) : IImageTransform
{
    /// <summary>ImageNet's RGB eigenvalues, as fb.resnet.torch.</summary>
    public static readonly IReadOnlyList<double> ImageNetEigenvalues = [0.2175, 0.0188, 0.0045];

    /// <summary>ImageNet's RGB eigenvectors, one row per colour channel, one column per component.</summary>
    public static double[,] ImageNetEigenvectors => new[,]
    {
        { -0.5675, 0.7192, 0.4009 },
        { -0.5808, -0.0045, -0.8140 },
        { -0.5836, -0.6948, 0.4203 },
    };

    /// <summary>The reference setting: ImageNet PCA with <c>alphastd = 0.1</c>.</summary>
    public static Lighting ImageNet() => new(0.1, ImageNetEigenvalues, ImageNetEigenvectors);

    /// <inheritdoc/>
    public FloatImage Apply(FloatImage image, Random random)
    {
        if (alphaStd == 0)
        {
            return image;
        }

        var offsets = Offsets(random);
        if (image.Channels != offsets.Length)
        {
            throw new ArgumentException($"Lighting is set up for {offsets.Length} channels but the image has {image.Channels}.", nameof(image));
        }

        for (var c = 0; c < image.Channels; c++)
        {
            Span<float> plane = image.Plane(c);
            var offset = (float)offsets[c];
            for (var i = 0; i < plane.Length; i++)
            {
                plane[i] += offset;
            }
        }
        return image;
    }

    /// <summary>Draws the per-channel offsets (one normal variate per component, in component order).</summary>
    internal double[] Offsets(Random random)
    {
        var components = eigenvalues.Count;
        var alpha = new double[components];
        for (var j = 0; j < components; j++)
        {
            alpha[j] = random.Normal(0, alphaStd);
        }

        var offsets = new double[eigenvectors.GetLength(0)];
        for (var i = 0; i < offsets.Length; i++)
        {
            for (var j = 0; j < components; j++)
            {
                offsets[i] += eigenvectors[i, j] * alpha[j] * eigenvalues[j];
            }
        }

        return offsets;
    }
}
