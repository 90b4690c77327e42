using ClcNet.Data.FashionMnist;
using ClcNet.Data.Transforms;

namespace ClcNet.Cli.Classification;

/// <summary>
/// The validation transform for one image file, chosen by the network's input: RGB networks get the reference
/// Scale (256/224 of the input side, bicubic), ImageNet normalisation and centre crop; grayscale networks (Fashion-MNIST)
/// get the image turned gray, scaled and centre-cropped to the input side, then Fashion-MNIST normalisation.
/// </summary>
internal static class ImagePreprocessing
{
    /// <summary>The transform that feeds a network of <paramref name="spec"/>.</summary>
    /// <exception cref="UsageException">The network takes neither 3-channel nor 1-channel input.</exception>
    public static Func<FloatImage, float[]> For(ClcNetSpec spec)
    {
        int size = spec.InputSize;
        switch (spec.InputChannels)
        {
            case 3:
                var rgb = ImageNetTransforms.Validation(tenCrop: false, size);
                return image => rgb.Apply(image, Random.Shared);
            case 1:
                var gray = new SampleTransform(1, size,
                    [new Scale(size), new CenterCrop(size), FashionMnistTransforms.Normalization()]);
                return image => gray.Apply(image.ToGrayscale(), Random.Shared);
            default:
                throw new UsageException($"{spec} takes {spec.InputChannels}-channel images; classify handles RGB (3) and grayscale (1) networks");
        }
    }
}
