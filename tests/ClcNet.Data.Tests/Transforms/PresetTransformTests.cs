using ClcNet.Data.FashionMnist;
using ClcNet.Data.Tests.Support;
using ClcNet.Data.Transforms;

namespace ClcNet.Data.Tests.Transforms;

public sealed class PresetTransformTests
{
    private static FloatImage MeanColoured(int width, int height)
    {
        var image = new FloatImage(3, height, width);
        for (var c = 0; c < 3; c++)
        {
            image.Plane(c).Fill(ImageNetTransforms.Mean[c]);
        }

        return image;
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 10)]
    public void ImageNet_validation_turns_a_mean_coloured_image_into_zero_crops(bool tenCrop, int crops)
    {
        SampleTransform transform = ImageNetTransforms.Validation(tenCrop);

        var pixels = transform.Apply(MeanColoured(300, 260), new ScriptedRandom());

        Assert.Equal(crops, transform.CropsPerSample);
        Assert.Equal(crops * 3 * 224 * 224, pixels.Length);
        Assert.All(pixels, p => Assert.Equal(0f, p, 1e-5f));
    }

    [Fact]
    public void ImageNet_training_yields_one_reproducible_224_crop()
    {
        FloatImage image = Images.PositionCoded(320, 240, channels: 3);
        SampleTransform transform = ImageNetTransforms.Train();

        var first = transform.Apply(image, new Random(3));
        var again = transform.Apply(Images.PositionCoded(320, 240, channels: 3), new Random(3));

        Assert.Equal(3 * 224 * 224, first.Length);
        Assert.Equal(first, again);
    }

    [Fact]
    public void Fashion_mnist_test_transform_normalises_with_its_published_mean_and_std()
    {
        var image = new FloatImage(1, 28, 28);
        image[0, 0, 0] = 1;

        var pixels = FashionMnistTransforms.Test(tenCrop: false).Apply(image, new ScriptedRandom());

        Assert.Equal((1 - 0.2860f) / 0.3530f, pixels[0], 1e-6f);
        Assert.Equal(-0.2860f / 0.3530f, pixels[1], 1e-6f);
    }

    [Fact]
    public void A_chain_that_ends_at_the_wrong_size_is_a_programming_error()
    {
        var transform = new SampleTransform(1, 4, []);

        Assert.Throws<InvalidOperationException>(() => transform.Apply(new FloatImage(1, 3, 3), new Random(0)));
    }
}
