using ClcNet.Data.FashionMnist;
using ClcNet.Data.Transforms;
using ClcNet.Interop.Models;

namespace ClcNet.Cli.Classification;

/// <summary>
/// The validation transform for one image file, chosen by the network's input: RGB networks get the reference
/// Scale (256/224 of the input side, bicubic), ImageNet normalisation and centre crop; grayscale networks (Fashion-MNIST)
/// get the image turned gray, scaled and centre-cropped to the input side, then Fashion-MNIST normalisation.
/// </summary>
internal static class ImagePreprocessing
{
    /// <summary>The transform that feeds <paramref name="model"/>.</summary>
    /// <exception cref="ModelFileException">The model expects a normalisation other than the pipeline's for its input channels.</exception>
    public static Func<FloatImage, float[]> For(LoadedModel model)
    {
        // Past this check the input is RGB or grayscale, with the normalisation of the transforms below.
        model.RequirePipelineNormalization();
        int size = model.Spec.InputSize;
        if (model.Spec.InputChannels == 3)
        {
            SampleTransform rgb = ImageNetTransforms.Validation(tenCrop: false, size);
            return image => rgb.Apply(image, Random.Shared);
        }
        var gray = new SampleTransform(1, size, [new Scale(size), new CenterCrop(size), FashionMnistTransforms.Normalization()]);
        return image => gray.Apply(image.ToGrayscale(), Random.Shared);
    }
}
