using ClcNet.Data.Tests.Support;
using ClcNet.Data.Transforms;

namespace ClcNet.Data.Tests.Transforms;

/// <summary>Scale, crops, padding and flips, on position-coded images (pixel = 100 y + x).</summary>
public sealed class GeometryTransformTests
{
    private static readonly Random Unused = new ScriptedRandom();

    [Theory]
    [InlineData(400, 300, 341, 256)] // 400 / 300 * 256 = 341.33, truncated
    [InlineData(300, 400, 256, 341)]
    [InlineData(256, 256, 256, 256)]
    public void Scale_sets_the_shorter_side_and_truncates_the_longer(int width, int height, int scaledWidth, int scaledHeight)
    {
        FloatImage scaled = new Scale(256).Apply(new FloatImage(3, height, width), Unused);

        Assert.Equal((scaledWidth, scaledHeight), (scaled.Width, scaled.Height));
    }

    [Fact]
    public void Scale_leaves_an_image_of_the_right_size_untouched_and_keeps_flat_colour_flat()
    {
        var exact = new FloatImage(1, 20, 33);
        var flat = new FloatImage(1, 30, 40, [.. Enumerable.Repeat(0.5f, 1200)]);

        Assert.Same(exact, new Scale(20).Apply(exact, Unused));
        Assert.All(new Scale(20).Apply(flat, Unused).Data, v => Assert.Equal(0.5f, v, 1e-6f));
    }

    [Theory]
    [InlineData(7, 5, 203)] // margins 5 and 3: origin (ceil 2.5, ceil 1.5) = (3, 2)
    [InlineData(6, 4, 102)] // margins 4 and 2: origin (2, 1)
    public void CenterCrop_puts_the_odd_pixel_of_the_margin_on_the_left_and_top(int width, int height, float topLeft)
    {
        FloatImage crop = new CenterCrop(2).Apply(Images.PositionCoded(width, height), Unused);

        Assert.Equal([topLeft, topLeft + 1, topLeft + 100, topLeft + 101], crop.Data);
    }

    [Fact]
    public void TenCrop_takes_centre_and_corners_of_the_image_then_of_its_mirror()
    {
        IReadOnlyList<FloatImage> crops = new TenCrop(2).Apply(Images.PositionCoded(width: 5, height: 4));

        float[][] expected =
        [
            [102, 103, 202, 203], [0, 1, 100, 101], [3, 4, 103, 104], [200, 201, 300, 301], [203, 204, 303, 304],
            // Mirror: pixel (x, y) holds 100 y + 4 - x; its centre crop is not the mirror of the centre crop.
            [102, 101, 202, 201], [4, 3, 104, 103], [1, 0, 101, 100], [204, 203, 304, 303], [201, 200, 301, 300],
        ];
        Assert.Equal(expected, crops.Select(c => c.Data));
    }

    [Fact]
    public void HorizontalFlip_mirrors_when_the_draw_is_below_the_probability()
    {
        FloatImage image = Images.PositionCoded(3, 2);

        FloatImage flipped = new HorizontalFlip(0.5).Apply(image, new ScriptedRandom([0.49]));
        FloatImage kept = new HorizontalFlip(0.5).Apply(image, new ScriptedRandom([0.5]));

        Assert.Equal([2, 1, 0, 102, 101, 100], flipped.Data);
        Assert.Same(image, kept);
    }

    [Fact]
    public void RandomCrop_pads_with_zeros_and_crops_at_the_drawn_position()
    {
        var random = new ScriptedRandom(integers: [0, 2]);

        FloatImage crop = new RandomCrop(3, padding: 1).Apply(Images.PositionCoded(3, 3), random);

        // Padded to 5x5; the window starts at padded (x 2, y 0): the top padding row, then original columns 1-2 and the right padding.
        Assert.Equal([0, 0, 0, 1, 2, 0, 101, 102, 0], crop.Data);
        Assert.Equal([(0, 3), (0, 3)], random.IntegerRanges);
    }

    [Fact]
    public void Pad_surrounds_the_image_with_the_fill_value()
    {
        FloatImage padded = new Pad(1, fill: -1).Apply(new FloatImage(1, 1, 2, [5, 6]), Unused);

        Assert.Equal([-1, -1, -1, -1, -1, 5, 6, -1, -1, -1, -1, -1], padded.Data);
    }
}
