using ClcNet.Data.Tests.Support;
using ClcNet.Data.Transforms;

namespace ClcNet.Data.Tests.Transforms;

/// <summary>ColorJitter, Lighting and Normalize against values worked out by hand from the reference formulas.</summary>
public sealed class ColourTransformTests
{
    // Two RGB pixels: (0.2, 0.4, 0.6) and (0.8, 0.6, 0.1). Gray = 0.299 R + 0.587 G + 0.114 B = 0.363 and 0.6028, mean 0.4829.
    private static FloatImage TwoPixels() => new(3, 1, 2, [0.2f, 0.8f, 0.4f, 0.6f, 0.6f, 0.1f]);

    [Fact]
    public void Grayscale_is_the_reference_luma()
    {
        FloatImage gray = TwoPixels().ToGrayscale();

        Assert.Equal((1, 1, 2), (gray.Channels, gray.Height, gray.Width));
        Assert.Equal([0.363f, 0.6028f], gray.Data, (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.Throws<InvalidOperationException>(() => gray.ToGrayscale());
    }

    // alpha = 1 + U(-0.4, 0.4): draw 0.75 gives 1.2, 0.25 gives 0.8, 0 gives 0.6.
    [Theory]
    [InlineData(0.4, 0, 0, 0.75, new[] { 0.24f, 0.96f, 0.48f, 0.72f, 0.72f, 0.12f })]                         // x * 1.2
    [InlineData(0, 0.4, 0, 0.25, new[] { 0.25658f, 0.73658f, 0.41658f, 0.57658f, 0.57658f, 0.17658f })]         // x * 0.8 + 0.4829 * 0.2
    [InlineData(0, 0, 0.4, 0.0, new[] { 0.2652f, 0.72112f, 0.3852f, 0.60112f, 0.5052f, 0.30112f })]              // x * 0.6 + gray * 0.4
    public void Each_adjustment_blends_with_its_own_second_image(double brightness, double contrast, double saturation, double draw, float[] expected)
    {
        FloatImage jittered = new ColorJitter(brightness, contrast, saturation).Apply(TwoPixels(), new ScriptedRandom([draw]));

        Assert.Equal(expected, jittered.Data, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void The_three_adjustments_run_in_the_drawn_order()
    {
        // Shuffle draws 2 then 2: [0 1 2] -> [2 1 0] -> [2 0 1], so saturation (0.6), brightness (1.2), contrast (0.8),
        // the contrast mean taken from the image as it is by then.
        var random = new ScriptedRandom([0.0, 0.75, 0.25], [2, 2]);

        FloatImage jittered = new ColorJitter(0.4, 0.4, 0.4).Apply(TwoPixels(), random);

        Assert.Equal([0.370488f, 0.8081712f, 0.485688f, 0.6929712f, 0.600888f, 0.4049712f], jittered.Data, (a, b) => Math.Abs(a - b) < 1e-6f);
        Assert.True(random.Exhausted);
    }

    [Fact]
    public void Lighting_adds_the_pca_offset_of_the_drawn_alphas()
    {
        // Box-Muller draws giving z = 1, -2, 0.5, so alpha = (0.1, -0.2, 0.05) with alphastd 0.1;
        // offset_i = sum_j eigvec[i][j] * alpha_j * eigval_j.
        var random = new ScriptedRandom([1 - Math.Exp(-0.5), 0, 1 - Math.Exp(-2), 0.5, 1 - Math.Exp(-0.125), 0]);

        FloatImage lit = Lighting.ImageNet().Apply(TwoPixels(), random);

        float[] offsets = [-0.0149571145f, -0.01279863f, -0.0099862845f];
        IEnumerable<float> expected = TwoPixels().Data.Select((v, i) => v + offsets[i / 2]);
        Assert.Equal(expected, lit.Data, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Normalize_subtracts_the_mean_and_divides_by_the_std_per_channel()
    {
        var image = new FloatImage(3, 1, 2, [0.485f, 1, 0.456f, 1, 0.406f, 1]);

        FloatImage normalized = new Normalize(ImageNetTransforms.Mean, ImageNetTransforms.Std).Apply(image, new ScriptedRandom());

        float[] expected = [0, 0.515f / 0.229f, 0, 0.544f / 0.224f, 0, 0.594f / 0.225f];
        Assert.Equal(expected, normalized.Data, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void Colour_transforms_refuse_a_gray_image()
    {
        var gray = new FloatImage(1, 2, 2);

        Assert.Throws<ArgumentException>(() => new ColorJitter(0.4, 0.4, 0.4).Apply(gray, new Random(0)));
        Assert.Throws<ArgumentException>(() => Lighting.ImageNet().Apply(gray, new Random(0)));
        Assert.Throws<ArgumentException>(() => new Normalize(ImageNetTransforms.Mean, ImageNetTransforms.Std).Apply(gray, new Random(0)));
    }
}
