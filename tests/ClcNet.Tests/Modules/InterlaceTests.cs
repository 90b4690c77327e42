using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Tests.Modules;

public class InterlaceTests
{
    private const int Batch = 2, Height = 3, Width = 5;

    /// <summary>
    /// The reference formula as a plain loop over flattened NCHW data:
    /// <c>out[:, j*g + i] = in[:, i*s + j]</c>, i.e. output channel <c>j*g + i</c> comes from input channel <c>i*s + j</c>.
    /// With <paramref name="inverse"/>, the other way: input channel <c>i*s + j</c> gets output channel <c>j*g + i</c>.
    /// </summary>
    private static float[] InterlaceByIndexLoop(float[] source, int channels, int groups, bool inverse = false)
    {
        int s = channels / groups, plane = Height * Width;
        var result = new float[source.Length];
        for (int n = 0; n < Batch; n++)
        {
            for (int i = 0; i < groups; i++)
            {
                for (int j = 0; j < s; j++)
                {
                    int original = n * channels + i * s + j, interlaced = n * channels + j * groups + i;
                    (int from, int to) = inverse ? (interlaced, original) : (original, interlaced);
                    Array.Copy(source, from * plane, result, to * plane, plane);
                }
            }
        }
        return result;
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    [InlineData(6, 2)]
    [InlineData(12, 4)]
    [InlineData(32, 16)]
    [InlineData(8, 1)]
    [InlineData(8, 8)]
    public void ForwardMatchesTheIndexLoop(int channels, int groups)
    {
        using DisposeScope scope = NewDisposeScope();
        using var interlace = new Interlace(channels, groups);
        Tensor input = randn(Batch, channels, Height, Width);

        Tensor output = interlace.forward(input);

        Assert.Equal(input.shape, output.shape);
        float[] expected = InterlaceByIndexLoop(input.data<float>().ToArray(), channels, groups);
        Assert.Equal(expected, output.data<float>().ToArray());
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(6, 3)]
    [InlineData(12, 4)]
    [InlineData(12, 3)]
    public void GradientIsTheUpstreamGradientPermutedBack(int channels, int groups)
    {
        using DisposeScope scope = NewDisposeScope();
        using var interlace = new Interlace(channels, groups);
        Tensor input = randn(Batch, channels, Height, Width).requires_grad_();
        Tensor upstream = randn(Batch, channels, Height, Width);

        interlace.forward(input).backward([upstream]);

        float[] expected = InterlaceByIndexLoop(upstream.data<float>().ToArray(), channels, groups, inverse: true);
        Assert.Equal(expected, input.grad!.data<float>().ToArray());
    }

    [Fact]
    public void FourChannelsInTwoGroupsGiveTheReferenceExample()
    {
        // docs/clcnet.md#interlace: C = 4, g = 2 gives out = [in0, in2, in1, in3].
        using DisposeScope scope = NewDisposeScope();
        using var interlace = new Interlace(4, 2);
        Tensor input = arange(4, dtype: float32).view(1, 4, 1, 1);

        Tensor output = interlace.forward(input);

        Assert.Equal(new float[] { 0, 2, 1, 3 }, output.data<float>().ToArray());
    }

    [Fact]
    public void ChannelsNotDivisibleByGroupsAreRejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => new Interlace(6, 4));

        Assert.Contains("6 channels", error.Message);
        Assert.Contains("4 equal groups", error.Message);
    }

    [Fact]
    public void InputWithOtherChannelsIsRejected()
    {
        using var interlace = new Interlace(4, 2);
        using Tensor input = zeros(1, 6, 2, 2);

        ArgumentException error = Assert.Throws<ArgumentException>(() => interlace.forward(input));

        Assert.Contains("expected input [N, 4, ...], got [1, 6, 2, 2]", error.Message);
    }
}
