using ClcNet.Data.Tests.Support;
using ClcNet.Data.Transforms;

namespace ClcNet.Data.Tests.Transforms;

public sealed class RandomSizedCropTests
{
    // U(0.08, 1) = 0.5 and U(3/4, 4/3) = r are reached by these draws.
    private const double HalfArea = (0.5 - 0.08) / 0.92;

    private static double Ratio(double r) => (r - 0.75) / (4.0 / 3 - 0.75);

    [Fact]
    public void A_fitting_attempt_crops_at_the_drawn_position()
    {
        // 100x80: area 4000, ratio 1, w = h = round(63.25) = 63; no swap (0.9); y in [0, 17], x in [0, 37].
        var random = new ScriptedRandom([HalfArea, Ratio(1), 0.9], [5, 30]);
        FloatImage image = Images.PositionCoded(width: 100, height: 80);

        FloatImage crop = new RandomSizedCrop(63).Apply(image, random);

        Assert.Equal([(0, 18), (0, 38)], random.IntegerRanges);
        Assert.Equal(image.Crop(30, 5, 63, 63).Data, crop.Data);
        Assert.Equal(100 * 5 + 30, crop[0, 0, 0]);
        Assert.True(random.Exhausted);
    }

    [Fact]
    public void Width_and_height_are_rounded_swapped_on_a_low_draw_and_resized_bicubically()
    {
        // Area 4000, ratio 1.25: w = round(70.71) = 71, h = round(56.57) = 57; the 0.2 draw swaps them to 57 x 71.
        var random = new ScriptedRandom([HalfArea, Ratio(1.25), 0.2], [9, 43]);
        FloatImage image = Images.PositionCoded(width: 100, height: 80);

        FloatImage crop = new RandomSizedCrop(32).Apply(image, random);

        Assert.Equal([(0, 80 - 71 + 1), (0, 100 - 57 + 1)], random.IntegerRanges);
        Assert.Equal(BicubicResize.Resize(image.Crop(43, 9, 57, 71), 32, 32).Data, crop.Data);
    }

    [Fact]
    public void After_ten_failed_attempts_it_scales_and_centre_crops()
    {
        // 200x10: the whole area at ratio 1 is a 45x45 window, taller than the image, ten times over.
        var random = new ScriptedRandom([.. Enumerable.Repeat<double[]>([1.0, Ratio(1), 0.9], 10).SelectMany(d => d)]);
        FloatImage image = Images.PositionCoded(width: 200, height: 10);

        FloatImage crop = new RandomSizedCrop(8).Apply(image, random);

        // Scale(8) makes it 160x8; the centre crop starts at x = 76.
        FloatImage expected = BicubicResize.Resize(image, 160, 8).Crop(76, 0, 8, 8);
        Assert.Equal(expected.Data, crop.Data);
        Assert.True(random.Exhausted);
        Assert.Empty(random.IntegerRanges);
    }

    [Theory]
    [InlineData(500, 375)]
    [InlineData(224, 224)]
    [InlineData(90, 300)]
    public void Output_is_always_size_by_size_and_reproducible_from_the_seed(int width, int height)
    {
        FloatImage image = Images.PositionCoded(width, height, channels: 3);
        var transform = new RandomSizedCrop(224);

        FloatImage first = transform.Apply(image, new Random(7));
        FloatImage again = transform.Apply(image, new Random(7));

        Assert.Equal((3, 224, 224), (first.Channels, first.Height, first.Width));
        Assert.Equal(first.Data, again.Data);
    }
}
