using ClcNet.Data.Transforms;

namespace ClcNet.Data.Tests.Transforms;

/// <summary>Torch7 image.scale 'bicubic': Catmull-Rom (a = -0.5), corner-aligned, linear extrapolation at the edges.</summary>
public sealed class BicubicResizeTests
{
    private static FloatImage Row(params float[] values) => new(1, 1, values.Length, values);

    [Theory]
    [InlineData(4, 7)]  // up: positions 0, 0.5, ..., 3
    [InlineData(10, 4)] // down: positions 0, 3, 6, 9
    [InlineData(5, 4)]  // positions 0, 4/3, 8/3, 4
    public void A_linear_ramp_is_reproduced_exactly_as_only_a_equal_minus_half_does(int from, int to)
    {
        FloatImage ramp = Row([.. Enumerable.Range(0, from).Select(i => (float)i)]);

        FloatImage resized = BicubicResize.Resize(ramp, to, 1);

        var step = (from - 1.0) / (to - 1);
        Assert.Equal(Enumerable.Range(0, to).Select(i => (float)(i * step)), resized.Data, (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void Midway_samples_use_the_catmull_rom_weights()
    {
        // Halfway between samples the weights are (-1/16, 9/16, 9/16, -1/16); a = -0.75 would give 0.59375 for the peak side.
        FloatImage resized = BicubicResize.Resize(Row(0, 0, 1, 0, 0), 9, 1);

        Assert.Equal([0, -0.0625f, 0, 0.5625f, 1, 0.5625f, 0, -0.0625f, 0], resized.Data);
    }

    [Fact]
    public void Missing_outer_neighbours_are_extrapolated_linearly()
    {
        // Position 0.5 uses p0 = 2*1 - 2 = 0; position 1.5 uses p3 = 2*4 - 2 = 6.
        FloatImage resized = BicubicResize.Resize(Row(1, 2, 4), 5, 1);

        Assert.Equal([1, 23f / 16, 2, 47f / 16, 4], resized.Data);
    }

    [Fact]
    public void Two_dimensional_resizing_is_separable()
    {
        var peak = new FloatImage(1, 3, 3);
        peak[0, 1, 1] = 1;

        FloatImage resized = BicubicResize.Resize(peak, 5, 5);

        // Along one axis position 0.5 next to the peak weighs p0 = -1 (extrapolated) by -1/16 and the peak by 9/16.
        Assert.Equal(1f, resized[0, 2, 2]);
        Assert.Equal(0.625f, resized[0, 2, 1]);
        Assert.Equal(0.625f, resized[0, 1, 2]);
        Assert.Equal(0.625f * 0.625f, resized[0, 1, 1]);
        Assert.Equal(0f, resized[0, 0, 0]);
    }

    [Fact]
    public void Each_channel_is_resized_on_its_own()
    {
        var image = new FloatImage(2, 2, 2, [1, 1, 1, 1, 5, 5, 5, 5]);

        FloatImage resized = BicubicResize.Resize(image, 3, 4);

        Assert.Equal((2, 4, 3), (resized.Channels, resized.Height, resized.Width));
        Assert.All(resized.Plane(0).ToArray(), v => Assert.Equal(1f, v, 1e-6f));
        Assert.All(resized.Plane(1).ToArray(), v => Assert.Equal(5f, v, 1e-5f));
    }
}
