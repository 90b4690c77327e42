namespace ClcNet.Kernels;

/// <summary>
/// Plain C# references (no libtorch, no ILGPU) for the training kernels: the block's 3x3 grouped
/// convolution followed by the interlace, and its gradients. Written the unfused way, step by step, with
/// double accumulators, to serve as test oracles. Arrays are NCHW, contiguous; weights are [C, s, 3, 3].
/// </summary>
internal static class InterlacedConv3x3Reference
{
    /// <summary>The 3x3 grouped convolution (padding 1, no bias) in natural channel order.</summary>
    public static float[] Convolve(float[] input, float[] weight, ClcBlockShape shape, FeatureMapGeometry map)
    {
        int channels = shape.InChannels;
        int groupSize = shape.GroupSize3x3;
        var output = new float[map.Batch * channels * map.OutputPixels];
        for (int n = 0; n < map.Batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                int firstInput = c / groupSize * groupSize;
                for (int oy = 0; oy < map.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < map.OutputWidth; ox++)
                    {
                        double sum = 0;
                        for (int a = 0; a < groupSize; a++)
                        {
                            for (int ky = 0; ky < 3; ky++)
                            {
                                for (int kx = 0; kx < 3; kx++)
                                {
                                    int y = oy * shape.Stride - 1 + ky;
                                    int x = ox * shape.Stride - 1 + kx;
                                    if (y >= 0 && y < map.InputHeight && x >= 0 && x < map.InputWidth)
                                    {
                                        sum += (double)input[InputIndex(n, firstInput + a, y, x, channels, map)]
                                            * weight[((c * groupSize + a) * 3 + ky) * 3 + kx];
                                    }
                                }
                            }
                        }
                        output[((n * channels + c) * map.OutputHeight + oy) * map.OutputWidth + ox] = (float)sum;
                    }
                }
            }
        }
        return output;
    }

    /// <summary>
    /// <c>Interlace(C, g)</c> exactly as docs/clcnet.md#interlace states it: <c>out[:, j*g + i] = in[:, i*s + j]</c>.
    /// </summary>
    public static float[] Interlace(float[] values, int batch, int channels, int groups, int pixels)
    {
        int groupSize = channels / groups;
        var output = new float[values.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int i = 0; i < groups; i++)
            {
                for (int j = 0; j < groupSize; j++)
                {
                    Array.Copy(values, (n * channels + i * groupSize + j) * pixels,
                        output, (n * channels + j * groups + i) * pixels, pixels);
                }
            }
        }
        return output;
    }

    /// <summary>The inverse of <see cref="Interlace"/>, which is also its gradient.</summary>
    public static float[] Deinterlace(float[] values, int batch, int channels, int groups, int pixels)
    {
        int groupSize = channels / groups;
        var output = new float[values.Length];
        for (int n = 0; n < batch; n++)
        {
            for (int i = 0; i < groups; i++)
            {
                for (int j = 0; j < groupSize; j++)
                {
                    Array.Copy(values, (n * channels + j * groups + i) * pixels,
                        output, (n * channels + i * groupSize + j) * pixels, pixels);
                }
            }
        }
        return output;
    }

    /// <summary>Forward of the training kernel: convolution, then interlace.</summary>
    public static float[] Forward(float[] input, float[] weight, ClcBlockShape shape, FeatureMapGeometry map) =>
        Interlace(Convolve(input, weight, shape, map), map.Batch, shape.InChannels, shape.Groups3x3, map.OutputPixels);

    /// <summary>Gradient of <see cref="Forward"/> with respect to its input, given the interlaced output gradient.</summary>
    public static float[] InputGradient(float[] outputGradient, float[] weight, ClcBlockShape shape, FeatureMapGeometry map)
    {
        float[] natural = Deinterlace(outputGradient, map.Batch, shape.InChannels, shape.Groups3x3, map.OutputPixels);
        var sums = new double[map.Batch * shape.InChannels * map.InputPixels];
        ForEachTap(shape, map, (n, c, a, tap, outputIndex, inputIndex) =>
            sums[inputIndex] += (double)natural[outputIndex] * weight[(c * shape.GroupSize3x3 + a) * 9 + tap]);
        return sums.Select(sum => (float)sum).ToArray();
    }

    /// <summary>Gradient of <see cref="Forward"/> with respect to its [C, s, 3, 3] weight.</summary>
    public static float[] WeightGradient(float[] input, float[] outputGradient, ClcBlockShape shape, FeatureMapGeometry map)
    {
        float[] natural = Deinterlace(outputGradient, map.Batch, shape.InChannels, shape.Groups3x3, map.OutputPixels);
        var sums = new double[shape.InChannels * shape.GroupSize3x3 * 9];
        ForEachTap(shape, map, (n, c, a, tap, outputIndex, inputIndex) =>
            sums[(c * shape.GroupSize3x3 + a) * 9 + tap] += (double)natural[outputIndex] * input[inputIndex]);
        return sums.Select(sum => (float)sum).ToArray();
    }

    // Visits every (output value, weight tap, input value) triple of the convolution that lies inside the
    // input (padding contributes nothing), in natural channel order.
    private static void ForEachTap(ClcBlockShape shape, FeatureMapGeometry map, Action<int, int, int, int, int, int> visit)
    {
        int channels = shape.InChannels;
        int groupSize = shape.GroupSize3x3;
        for (int n = 0; n < map.Batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int oy = 0; oy < map.OutputHeight; oy++)
                {
                    for (int ox = 0; ox < map.OutputWidth; ox++)
                    {
                        int outputIndex = ((n * channels + c) * map.OutputHeight + oy) * map.OutputWidth + ox;
                        for (int a = 0; a < groupSize; a++)
                        {
                            for (int tap = 0; tap < 9; tap++)
                            {
                                int y = oy * shape.Stride - 1 + tap / 3;
                                int x = ox * shape.Stride - 1 + tap % 3;
                                if (y >= 0 && y < map.InputHeight && x >= 0 && x < map.InputWidth)
                                {
                                    visit(n, c, a, tap, outputIndex, InputIndex(n, c / groupSize * groupSize + a, y, x, channels, map));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int InputIndex(int n, int channel, int y, int x, int channels, FeatureMapGeometry map) =>
        ((n * channels + channel) * map.InputHeight + y) * map.InputWidth + x;
}
